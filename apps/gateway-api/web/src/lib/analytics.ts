/*
 * The analytics page's data shaping: report ranges in the workspace's wall-clock dates (the
 * reports take local dates, `from` inclusive and `to` exclusive), the bucket each chart asks for,
 * and the reports' rows regrouped for the charts. Pure functions, unit-tested.
 */

export type Bucket = 'hour' | 'day' | 'week' | 'month';

/** A range as people pick it: both days included, `YYYY-MM-DD` in the workspace's zone. */
export interface DayRange {
  from: string;
  through: string;
}

export const PRESETS = [
  { value: 'today', label: 'Today' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: 'month', label: 'This month' },
  { value: '12m', label: 'Last 12 months' },
  { value: 'custom', label: 'Custom range' },
] as const;
export type Preset = (typeof PRESETS)[number]['value'];
export const DEFAULT_PRESET: Preset = '30d';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const msOf = (date: string): number => {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a date: ${date}`);
  return Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!);
};
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A real calendar date in `YYYY-MM-DD` (2026-02-30 is not). */
export const isDate = (value: string): boolean => DATE.test(value) && dateOf(msOf(value)) === value;

export const addDays = (date: string, days: number): string => dateOf(msOf(date) + days * DAY_MS);

/** Days in the range, both ends included. */
export const daysIn = (range: DayRange): number =>
  Math.round((msOf(range.through) - msOf(range.from)) / DAY_MS) + 1;

/** Today's date where the workspace is: the reports' days are its days. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): DayRange {
  const startOfMonth = `${today.slice(0, 8)}01`;
  switch (preset) {
    case 'today':
      return { from: today, through: today };
    case '7d':
      return { from: addDays(today, -6), through: today };
    case '30d':
      return { from: addDays(today, -29), through: today };
    case '90d':
      return { from: addDays(today, -89), through: today };
    case 'month':
      return { from: startOfMonth, through: today };
    case '12m': {
      // The first of the month eleven months back: twelve calendar months, this one included.
      const at = new Date(msOf(startOfMonth));
      return {
        from: dateOf(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 11, 1)),
        through: today,
      };
    }
  }
}

/** The reports' query: `to` is the first day not counted. */
export const reportQuery = (range: DayRange): { from: string; to: string } => ({
  from: range.from,
  to: addDays(range.through, 1),
});

/** The reports reach back this far (the API refuses longer ranges). */
export const MAX_RANGE_MONTHS = 13;

/** What is wrong with a custom range, at the field to show it, or null. */
export function rangeProblem(
  from: string,
  through: string,
): { field: 'from' | 'through'; message: string } | null {
  if (!isDate(from)) return { field: 'from', message: 'must be a date' };
  if (!isDate(through)) return { field: 'through', message: 'must be a date' };
  if (through < from) return { field: 'through', message: 'must be on or after from' };
  // The same month arithmetic as the API: the day rolls over in shorter months.
  const start = new Date(msOf(from));
  const limit = Date.UTC(
    start.getUTCFullYear(),
    start.getUTCMonth() + MAX_RANGE_MONTHS,
    start.getUTCDate(),
  );
  if (msOf(through) + DAY_MS > limit)
    return { field: 'through', message: `must be at most ${MAX_RANGE_MONTHS} months after from` };
  return null;
}

/**
 * The page's range lives in the address (`?range=7d`, or `?range=custom&from=…&through=…`) so a
 * view can be bookmarked and shared; anything unreadable there falls back to the default preset.
 */
export function rangeFromSearch(
  search: string,
  today: string,
): { preset: Preset; range: DayRange } {
  const params = new URLSearchParams(search);
  const asked = params.get('range');
  const from = params.get('from') ?? '';
  const through = params.get('through') ?? '';
  if (asked === 'custom' && !rangeProblem(from, through))
    return { preset: 'custom', range: { from, through } };
  const preset =
    PRESETS.find((p) => p.value === asked && p.value !== 'custom')?.value ?? DEFAULT_PRESET;
  return { preset, range: presetRange(preset as Exclude<Preset, 'custom'>, today) };
}

export const searchOfRange = (preset: Preset, custom?: DayRange): string =>
  preset === 'custom' && custom
    ? new URLSearchParams({
        range: 'custom',
        from: custom.from,
        through: custom.through,
      }).toString()
    : new URLSearchParams({ range: preset }).toString();

/** Hours for a day or two (message volume offers hours and days). */
export const volumeBucket = (range: DayRange): 'hour' | 'day' =>
  daysIn(range) <= 2 ? 'hour' : 'day';

/** Days up to about two months, weeks up to about half a year, months beyond. */
export const costBucket = (range: DayRange): 'day' | 'week' | 'month' => {
  const days = daysIn(range);
  return days <= 62 ? 'day' : days <= 190 ? 'week' : 'month';
};

const mondayOf = (date: string): string => {
  const weekday = (new Date(msOf(date)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
};

/**
 * Every bucket's label from `from` to the day before `to`, as the reports write them
 * (`2026-11-29T14:00:00` for hours, the date of the day, Monday or first of the month otherwise),
 * so the charts show the empty ones too.
 */
export function bucketsBetween(from: string, to: string, bucket: Bucket): string[] {
  const labels: string[] = [];
  const end = msOf(to);
  if (bucket === 'hour') {
    for (let ms = msOf(from); ms < end; ms += 3_600_000)
      labels.push(new Date(ms).toISOString().slice(0, 19));
    return labels;
  }
  if (bucket === 'month') {
    const start = new Date(msOf(from));
    for (let m = 0; ; m += 1) {
      const ms = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1);
      if (ms >= end) return labels;
      labels.push(dateOf(ms));
    }
  }
  const step = bucket === 'week' ? 7 : 1;
  for (
    let day = bucket === 'week' ? mondayOf(from) : from;
    msOf(day) < end;
    day = addDays(day, step)
  )
    labels.push(day);
  return labels;
}

export interface VolumeRow {
  bucket: string;
  key: string;
  name: string;
  customerMessages: number;
  botMessages: number;
  agentMessages: number;
  total: number;
}

export interface VolumeTotals {
  customerMessages: number;
  botMessages: number;
  agentMessages: number;
  total: number;
}

const zeroVolume = (): VolumeTotals => ({
  customerMessages: 0,
  botMessages: 0,
  agentMessages: 0,
  total: 0,
});

const addVolume = (into: VolumeTotals, row: VolumeTotals): void => {
  into.customerMessages += row.customerMessages;
  into.botMessages += row.botMessages;
  into.agentMessages += row.agentMessages;
  into.total += row.total;
};

/** Message volume per bucket, every group added up, empty buckets included. */
export function volumeSeries(
  rows: readonly VolumeRow[],
  labels: readonly string[],
): (VolumeTotals & { bucket: string })[] {
  const byBucket = new Map<string, VolumeTotals>(labels.map((l) => [l, zeroVolume()]));
  for (const row of rows) {
    let totals = byBucket.get(row.bucket);
    if (!totals) byBucket.set(row.bucket, (totals = zeroVolume()));
    addVolume(totals, row);
  }
  return [...byBucket.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([bucket, totals]) => ({ bucket, ...totals }));
}

/** Message volume per bot or channel over the whole range, the busiest first. */
export function volumeByGroup(
  rows: readonly VolumeRow[],
): (VolumeTotals & { key: string; name: string })[] {
  const groups = new Map<string, VolumeTotals & { key: string; name: string }>();
  for (const row of rows) {
    let group = groups.get(row.key);
    if (!group) groups.set(row.key, (group = { key: row.key, name: row.name, ...zeroVolume() }));
    addVolume(group, row);
  }
  return [...groups.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

export function volumeTotals(rows: readonly VolumeRow[]): VolumeTotals {
  const totals = zeroVolume();
  for (const row of rows) addVolume(totals, row);
  return totals;
}

export interface CsatRow {
  bucket: string;
  agentId: string;
  agentName: string;
  ratings: number;
  average: number | null;
}

export interface CsatAgentLine {
  agentId: string;
  agentName: string;
  /** One cell per bucket of the grid, null where the agent had no rating. */
  cells: ({ ratings: number; average: number | null } | null)[];
  ratings: number;
  /** Mean of every rating the agent had in the range. */
  average: number | null;
}

/** CSAT as an agents × buckets grid (the rows come one per agent and bucket). */
export function csatGrid(
  rows: readonly CsatRow[],
  labels: readonly string[],
): { buckets: string[]; agents: CsatAgentLine[] } {
  const buckets = [...new Set([...labels, ...rows.map((r) => r.bucket)])].sort();
  const agents = new Map<string, CsatAgentLine & { sum: number }>();
  for (const row of rows) {
    let line = agents.get(row.agentId);
    if (!line)
      agents.set(
        row.agentId,
        (line = {
          agentId: row.agentId,
          agentName: row.agentName,
          cells: buckets.map(() => null),
          ratings: 0,
          average: null,
          sum: 0,
        }),
      );
    line.cells[buckets.indexOf(row.bucket)] = { ratings: row.ratings, average: row.average };
    line.ratings += row.ratings;
    if (row.average !== null) line.sum += row.average * row.ratings;
  }
  return {
    buckets,
    agents: [...agents.values()]
      .map(({ sum, ...line }) => ({ ...line, average: line.ratings ? sum / line.ratings : null }))
      .sort((a, b) => b.ratings - a.ratings || a.agentName.localeCompare(b.agentName)),
  };
}

export interface AvailabilityRow {
  day: string;
  agentId: string;
  agentName: string;
  onlineSeconds: number;
  idleSeconds: number;
}

/** Time online and idle per agent over the whole range, the most present first. */
export function availabilityByAgent(
  rows: readonly AvailabilityRow[],
): { agentId: string; agentName: string; onlineSeconds: number; idleSeconds: number }[] {
  const agents = new Map<
    string,
    { agentId: string; agentName: string; onlineSeconds: number; idleSeconds: number }
  >();
  for (const row of rows) {
    let agent = agents.get(row.agentId);
    if (!agent)
      agents.set(
        row.agentId,
        (agent = {
          agentId: row.agentId,
          agentName: row.agentName,
          onlineSeconds: 0,
          idleSeconds: 0,
        }),
      );
    agent.onlineSeconds += row.onlineSeconds;
    agent.idleSeconds += row.idleSeconds;
  }
  return [...agents.values()].sort(
    (a, b) =>
      b.onlineSeconds + b.idleSeconds - (a.onlineSeconds + a.idleSeconds) ||
      a.agentName.localeCompare(b.agentName),
  );
}

/** An axis from 0 to a round number at or above `max`, with its ticks (1, 2 or 5 × 10ⁿ apart). */
export function niceScale(
  max: number,
  { ticks = 4, integer = false }: { ticks?: number; integer?: boolean } = {},
): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: 1, ticks: [0, 1] };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const nice = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  // Counts have no half messages: an axis of counts steps by whole numbers.
  const step = integer ? Math.max(1, nice) : nice;
  const top = Math.ceil(max / step - 1e-9) * step;
  const values: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) values.push(Number(v.toPrecision(12)));
  return { max: top, ticks: values };
}

/** Shows at most `max` of `count` axis labels, evenly spaced, the first always. */
export const labelEvery = (count: number, max: number): number =>
  Math.max(1, Math.ceil(count / max));

// Formats shared by the page and its test, so both read the numbers the same way.
const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const formatCount = (n: number): string => INTEGER.format(n);

export const formatRate = (rate: number | null): string =>
  rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;

export const formatAverage = (n: number | null): string => (n === null ? '—' : n.toFixed(2));

export const formatUsd = (usd: number): string =>
  usd === 0 ? '$0.00' : usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;

/** Seconds as hours with one decimal: availability reads in hours. */
export const formatHours = (seconds: number): string => `${(seconds / 3600).toFixed(1)} h`;

/** An axis label for a bucket: `14:00` (or `29 Nov` at midnight), `29 Nov`, `Nov 2026`. */
export function bucketName(label: string, bucket: Bucket): string {
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const month = months[+label.slice(5, 7) - 1] ?? '';
  const day = +label.slice(8, 10);
  if (bucket === 'month') return `${month} ${label.slice(0, 4)}`;
  // Hours read as the time, midnight as the day it starts.
  if (bucket === 'hour')
    return label.slice(11, 16) === '00:00' ? `${day} ${month}` : label.slice(11, 16);
  return `${day} ${month}`;
}
