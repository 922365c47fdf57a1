/**
 * Wall-clock time in a time zone, for bucketing facts by the workspace's hours and days. Offsets
 * are cached per zone and quarter hour (no zone changes its offset between quarter hours), so a
 * batch of thousands of facts formats a handful of dates, not thousands.
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();
const offsets = new Map<string, number>();

const formatterOf = (timeZone: string): Intl.DateTimeFormat | null => {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      // Not a zone this runtime knows: facts are bucketed in UTC rather than lost.
      formatter = null;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The zone's offset from UTC at `utcMs`, in ms (0 for UTC and unknown zones). */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  if (timeZone === 'UTC') return 0;
  const slot = Math.floor(utcMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}|${slot}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const formatter = formatterOf(timeZone);
    if (!formatter) offset = 0;
    else {
      const part: Record<string, number> = {};
      for (const { type, value } of formatter.formatToParts(new Date(slot)))
        if (type !== 'literal') part[type] = Number(value);
      const wall = Date.UTC(
        part.year!,
        part.month! - 1,
        part.day!,
        part.hour!,
        part.minute!,
        part.second!,
      );
      offset = wall - slot;
    }
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** `YYYY-MM-DD hh:mm:ss.sss` in UTC, as ClickHouse reads DateTime64 without best-effort parsing. */
export const clickHouseTime = (utcMs: number): string =>
  new Date(utcMs).toISOString().replace('T', ' ').slice(0, -1);

/** The wall-clock time in `timeZone` at `utcMs`, `YYYY-MM-DD hh:mm:ss`. */
export const localClickHouseTime = (timeZone: string, utcMs: number): string =>
  clickHouseTime(utcMs + zoneOffsetMs(timeZone, utcMs)).slice(0, 19);

export const isKnownTimeZone = (timeZone: string): boolean => formatterOf(timeZone) !== null;
