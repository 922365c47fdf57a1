import { AnalyticsException } from './analytics.exception';
import { allowedBucket, reportRange } from './report-range';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AnalyticsException)
      return { code: error.code, kind: error.kind, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('report ranges', () => {
  it('takes dates and local date-times, to exclusive, with whole days and UTC bounds around them', () => {
    expect(reportRange('2026-11-01', '2026-11-03T12:30')).toEqual({
      from: '2026-11-01 00:00:00',
      to: '2026-11-03 12:30:00',
      fromDay: '2026-11-01 00:00:00',
      toDay: '2026-11-04 00:00:00',
      fromUtcBound: '2026-10-31 10:00:00',
      toUtcBound: '2026-11-04 02:30:00',
    });
  });

  it('refuses what is not a real date, naming the field', () => {
    expect(refusal(() => reportRange('2026-02-30', '2026-03-01'))).toMatchObject({
      code: 'INVALID_TIME',
      kind: 'invalid',
      details: [{ field: 'from' }],
    });
    expect(refusal(() => reportRange('2026-01-01', 'yesterday'))).toMatchObject({
      details: [{ field: 'to' }],
    });
  });

  it('refuses an empty or backwards range, and one longer than 13 months', () => {
    expect(refusal(() => reportRange('2026-03-01', '2026-03-01'))).toMatchObject({
      code: 'EMPTY_RANGE',
    });
    expect(reportRange('2025-01-01', '2026-02-01').to).toBe('2026-02-01 00:00:00');
    expect(refusal(() => reportRange('2025-01-01', '2026-02-01T00:00:01'))).toMatchObject({
      code: 'RANGE_TOO_LONG',
      details: [{ field: 'to', message: 'must be at most 13 months after from' }],
    });
  });

  it('refuses a bucket the report does not offer', () => {
    expect(allowedBucket('day', ['day', 'week'])).toBe('day');
    expect(refusal(() => allowedBucket('hour', ['day', 'week']))).toMatchObject({
      code: 'BUCKET_NOT_ALLOWED',
      details: [{ field: 'bucket', message: 'must be one of day, week for this report' }],
    });
  });
});
