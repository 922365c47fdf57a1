import { AnalyticsException, AnalyticsExceptionCode } from './analytics.exception';

/** The reports reach back this far: the narrative's "any range up to 13 months". */
export const MAX_RANGE_MONTHS = 13;

export const BUCKETS = ['hour', 'day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/**
 * A report's range in the workspace's wall-clock time (facts are stored with it, so no zone is
 * needed here): `from` inclusive, `to` exclusive, as ClickHouse DateTime text.
 */
export interface ReportRange {
  from: string;
  to: string;
  /** The same range widened to whole days (`to` rounded up), for the daily tables. */
  fromDay: string;
  toDay: string;
  /**
   * The UTC instants the range can touch, for raw-fact queries to prune partitions by: a local
   * time is within 14 hours of UTC in every zone.
   */
  fromUtcBound: string;
  toUtcBound: string;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ZONE_REACH_MS = 14 * 3_600_000;

const text = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function parseLocal(value: string, field: string): number {
  const match = LOCAL.exec(value);
  const problem = 'must be a date (YYYY-MM-DD) or a local date and time (YYYY-MM-DDThh:mm)';
  if (!match) throw AnalyticsException.of(AnalyticsExceptionCode.INVALID_TIME, field, problem);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s);
  const back = new Date(ms);
  // 2026-02-30 or 25:00 roll over: not a real date.
  if (back.getUTCMonth() !== +mo! - 1 || back.getUTCDate() !== +d! || back.getUTCHours() !== +h)
    throw AnalyticsException.of(AnalyticsExceptionCode.INVALID_TIME, field, problem);
  return ms;
}

const addMonths = (ms: number, months: number): number => {
  const at = new Date(ms);
  return Date.UTC(
    at.getUTCFullYear(),
    at.getUTCMonth() + months,
    at.getUTCDate(),
    at.getUTCHours(),
    at.getUTCMinutes(),
    at.getUTCSeconds(),
  );
};

const DAY_MS = 86_400_000;

export function reportRange(from: string, to: string): ReportRange {
  const start = parseLocal(from, 'from');
  const end = parseLocal(to, 'to');
  if (end <= start)
    throw AnalyticsException.of(AnalyticsExceptionCode.EMPTY_RANGE, 'to', 'must be after from');
  if (end > addMonths(start, MAX_RANGE_MONTHS))
    throw AnalyticsException.of(
      AnalyticsExceptionCode.RANGE_TOO_LONG,
      'to',
      `must be at most ${MAX_RANGE_MONTHS} months after from`,
    );
  return {
    from: text(start),
    to: text(end),
    fromDay: text(Math.floor(start / DAY_MS) * DAY_MS),
    toDay: text(Math.ceil(end / DAY_MS) * DAY_MS),
    fromUtcBound: text(start - ZONE_REACH_MS),
    toUtcBound: text(end + ZONE_REACH_MS),
  };
}

/** A bucket the report offers, or a 400 naming the ones it does. */
export function allowedBucket(bucket: Bucket, allowed: readonly Bucket[]): Bucket {
  if (!allowed.includes(bucket))
    throw AnalyticsException.of(
      AnalyticsExceptionCode.BUCKET_NOT_ALLOWED,
      'bucket',
      `must be one of ${allowed.join(', ')} for this report`,
    );
  return bucket;
}

/** The SQL that truncates a local time (or day) column to the bucket. Weeks start on Monday. */
export const bucketSql = (bucket: Bucket, column: string): string =>
  ({
    hour: `toStartOfHour(${column})`,
    day: `toDate(${column})`,
    week: `toMonday(${column})`,
    month: `toStartOfMonth(${column})`,
  })[bucket];

/** `2026-11-29T14:00:00` for hours, `2026-11-29` for the rest. */
export const bucketLabel = (bucket: Bucket, value: string): string =>
  bucket === 'hour' ? value.slice(0, 19).replace(' ', 'T') : value.slice(0, 10);
