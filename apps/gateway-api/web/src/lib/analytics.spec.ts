import {
  addDays,
  availabilityByAgent,
  bucketName,
  bucketsBetween,
  costBucket,
  csatGrid,
  daysIn,
  formatRate,
  formatUsd,
  isDate,
  rangeFromSearch,
  rangeProblem,
  searchOfRange,
  labelEvery,
  niceScale,
  presetRange,
  reportQuery,
  todayIn,
  volumeBucket,
  volumeByGroup,
  volumeSeries,
  volumeTotals,
} from './analytics';

const volume = (bucket: string, key: string, c: number, b: number, a: number) => ({
  bucket,
  key,
  name: key.toUpperCase(),
  customerMessages: c,
  botMessages: b,
  agentMessages: a,
  total: c + b + a,
});

describe('report ranges', () => {
  it("takes today's date in the workspace's zone, not the browser's", () => {
    // 23:30 UTC on the 6th is already the 7th in Berlin and still the 6th in New York.
    const now = new Date('2026-12-06T23:30:00Z');
    expect(todayIn('Europe/Berlin', now)).toBe('2026-12-07');
    expect(todayIn('America/New_York', now)).toBe('2026-12-06');
    expect(todayIn('Asia/Kathmandu', new Date('2026-11-29T18:20:00Z'))).toBe('2026-11-30');
  });

  it('turns presets into inclusive day ranges ending today', () => {
    expect(presetRange('today', '2026-03-01')).toEqual({
      from: '2026-03-01',
      through: '2026-03-01',
    });
    expect(presetRange('7d', '2026-03-01')).toEqual({ from: '2026-02-23', through: '2026-03-01' });
    expect(presetRange('30d', '2026-03-01')).toEqual({ from: '2026-01-31', through: '2026-03-01' });
    expect(daysIn(presetRange('90d', '2026-03-01'))).toBe(90);
    expect(presetRange('month', '2026-03-17')).toEqual({
      from: '2026-03-01',
      through: '2026-03-17',
    });
    expect(presetRange('12m', '2026-03-17')).toEqual({ from: '2025-04-01', through: '2026-03-17' });
  });

  it('asks the reports for the day after the last one as the exclusive end', () => {
    expect(reportQuery({ from: '2026-12-01', through: '2026-12-31' })).toEqual({
      from: '2026-12-01',
      to: '2027-01-01',
    });
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('knows a real date from a malformed or impossible one', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('2026-2-3')).toBe(false);
    expect(isDate('')).toBe(false);
  });

  it('refuses a custom range the reports would refuse, at the field to correct', () => {
    expect(rangeProblem('2026-11-01', '2026-11-01')).toBeNull();
    expect(rangeProblem('2026-11-31', '2026-12-01')).toEqual({
      field: 'from',
      message: 'must be a date',
    });
    expect(rangeProblem('2026-11-01', '')).toEqual({ field: 'through', message: 'must be a date' });
    expect(rangeProblem('2026-11-02', '2026-11-01')).toEqual({
      field: 'through',
      message: 'must be on or after from',
    });
    // Thirteen months to the day is the longest: the 1st of the 14th month is not counted.
    expect(rangeProblem('2025-11-01', '2026-11-30')).toBeNull();
    expect(rangeProblem('2025-11-01', '2026-12-01')).toEqual({
      field: 'through',
      message: 'must be at most 13 months after from',
    });
  });

  it('reads the range from the address and writes it back, falling back to 30 days', () => {
    const today = '2026-12-07';
    expect(rangeFromSearch('range=7d', today)).toEqual({
      preset: '7d',
      range: { from: '2026-12-01', through: today },
    });
    const custom = { from: '2026-11-01', through: '2026-11-15' };
    expect(rangeFromSearch(searchOfRange('custom', custom), today)).toEqual({
      preset: 'custom',
      range: custom,
    });
    for (const search of ['', 'range=forever', 'range=custom&from=2026-11-15&through=2026-11-01'])
      expect(rangeFromSearch(search, today)).toEqual({
        preset: '30d',
        range: { from: '2026-11-08', through: today },
      });
    expect(searchOfRange('month')).toBe('range=month');
  });

  it('picks hours for a day or two, days beyond; cost in days, weeks, then months', () => {
    expect(volumeBucket({ from: '2026-12-01', through: '2026-12-02' })).toBe('hour');
    expect(volumeBucket({ from: '2026-12-01', through: '2026-12-03' })).toBe('day');
    expect(costBucket({ from: '2026-10-01', through: '2026-12-01' })).toBe('day');
    expect(costBucket({ from: '2026-06-01', through: '2026-12-01' })).toBe('week');
    expect(costBucket({ from: '2025-12-01', through: '2026-12-01' })).toBe('month');
  });
});

describe('buckets', () => {
  it('lists every bucket label the reports would write, from inclusive to exclusive', () => {
    expect(bucketsBetween('2026-11-29', '2026-11-30', 'hour')).toHaveLength(24);
    expect(bucketsBetween('2026-11-29', '2026-11-30', 'hour')[14]).toBe('2026-11-29T14:00:00');
    expect(bucketsBetween('2026-11-29', '2026-12-02', 'day')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
    // Weeks start on Monday: the 29th is a Sunday, in the week of the 23rd.
    expect(bucketsBetween('2026-11-29', '2026-12-08', 'week')).toEqual([
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
    ]);
    expect(bucketsBetween('2026-11-15', '2027-01-02', 'month')).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
    ]);
  });

  it('names buckets for axes', () => {
    expect(bucketName('2026-11-29T14:00:00', 'hour')).toBe('14:00');
    expect(bucketName('2026-11-29T00:00:00', 'hour')).toBe('29 Nov');
    expect(bucketName('2026-11-29', 'day')).toBe('29 Nov');
    expect(bucketName('2026-11-01', 'month')).toBe('Nov 2026');
  });
});

describe('message volume', () => {
  const rows = [
    volume('2026-11-30', 'web', 3, 2, 1),
    volume('2026-11-29', 'web', 1, 1, 0),
    volume('2026-11-30', 'telegram', 5, 0, 4),
  ];

  it('adds the groups up per bucket and keeps the empty buckets', () => {
    expect(
      volumeSeries(rows, ['2026-11-28', '2026-11-29', '2026-11-30']).map((p) => [
        p.bucket,
        p.customerMessages,
        p.botMessages,
        p.agentMessages,
        p.total,
      ]),
    ).toEqual([
      ['2026-11-28', 0, 0, 0, 0],
      ['2026-11-29', 1, 1, 0, 2],
      ['2026-11-30', 8, 2, 5, 15],
    ]);
  });

  it('keeps a bucket the labels did not foresee rather than losing its messages', () => {
    expect(volumeSeries(rows, ['2026-11-30']).map((p) => p.bucket)).toEqual([
      '2026-11-29',
      '2026-11-30',
    ]);
  });

  it('totals per group, the busiest first, and overall', () => {
    expect(volumeByGroup(rows).map((g) => [g.key, g.name, g.total])).toEqual([
      ['telegram', 'TELEGRAM', 9],
      ['web', 'WEB', 8],
    ]);
    expect(volumeTotals(rows)).toEqual({
      customerMessages: 9,
      botMessages: 3,
      agentMessages: 5,
      total: 17,
    });
  });
});

describe('CSAT grid', () => {
  it('lays agents against weeks and averages each agent over all their ratings', () => {
    const grid = csatGrid(
      [
        { bucket: '2026-11-23', agentId: 'a', agentName: 'Ana', ratings: 1, average: 5 },
        { bucket: '2026-11-30', agentId: 'a', agentName: 'Ana', ratings: 3, average: 3 },
        { bucket: '2026-11-30', agentId: 'b', agentName: 'Ben', ratings: 1, average: 2 },
      ],
      ['2026-11-23', '2026-11-30', '2026-12-07'],
    );
    expect(grid.buckets).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
    expect(grid.agents.map((a) => [a.agentName, a.ratings, a.average])).toEqual([
      ['Ana', 4, 3.5],
      ['Ben', 1, 2],
    ]);
    expect(grid.agents[1]!.cells).toEqual([null, { ratings: 1, average: 2 }, null]);
  });
});

describe('availability', () => {
  it('adds each agent’s days up, the most present first', () => {
    expect(
      availabilityByAgent([
        { day: '2026-11-29', agentId: 'a', agentName: 'Ana', onlineSeconds: 3600, idleSeconds: 0 },
        {
          day: '2026-11-29',
          agentId: 'b',
          agentName: 'Ben',
          onlineSeconds: 7200,
          idleSeconds: 600,
        },
        { day: '2026-11-30', agentId: 'a', agentName: 'Ana', onlineSeconds: 1800, idleSeconds: 60 },
      ]),
    ).toEqual([
      { agentId: 'b', agentName: 'Ben', onlineSeconds: 7200, idleSeconds: 600 },
      { agentId: 'a', agentName: 'Ana', onlineSeconds: 5400, idleSeconds: 60 },
    ]);
  });
});

describe('axes and formats', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceScale(17)).toEqual({ max: 20, ticks: [0, 5, 10, 15, 20] });
    expect(niceScale(4)).toEqual({ max: 4, ticks: [0, 1, 2, 3, 4] });
    expect(niceScale(0.013)).toEqual({ max: 0.015, ticks: [0, 0.005, 0.01, 0.015] });
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    // Counts step by whole numbers: no 0.5 message on the axis.
    expect(niceScale(2)).toEqual({ max: 2, ticks: [0, 0.5, 1, 1.5, 2] });
    expect(niceScale(2, { integer: true })).toEqual({ max: 2, ticks: [0, 1, 2] });
    expect(niceScale(17, { integer: true })).toEqual({ max: 20, ticks: [0, 5, 10, 15, 20] });
  });

  it('thins axis labels', () => {
    expect(labelEvery(24, 8)).toBe(3);
    expect(labelEvery(5, 8)).toBe(1);
  });

  it('formats rates and money, and says so when there was nothing to divide', () => {
    expect(formatRate(0.5)).toBe('50.0%');
    expect(formatRate(null)).toBe('—');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.00075)).toBe('$0.0008');
    expect(formatUsd(12.345)).toBe('$12.35');
  });
});
