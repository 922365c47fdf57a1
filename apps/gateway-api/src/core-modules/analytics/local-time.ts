/**
 * Wall-clock time in a time zone, for bucketing facts by the workspace's hours and days. Offsets
 * are cached per zone and quarter hour (no zone changes its offset between quarter hours), so a
 * batch of thousands of facts formats a handful of dates, not thousands.
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();
/** Per zone, offsets by quarter-hour slot (numbers as keys: no string built per fact). */
const offsets = new Map<string, Map<number, number>>();
let cachedOffsets = 0;

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
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(slot);
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
    if (++cachedOffsets > 100_000) {
      offsets.clear();
      cachedOffsets = 1;
      offsets.set(timeZone, (zone = new Map()));
    }
    zone.set(slot, offset);
  }
  return offset;
}

const DAY_MS = 86_400_000;
const days = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `YYYY-MM-DD hh:mm:ss.sss` in UTC, as ClickHouse reads DateTime64 without best-effort parsing.
 * Two per fact: the date is formatted once per day, the time with integer arithmetic (a fraction
 * of `toISOString`'s cost, which showed in the writer's profile).
 */
export const clickHouseTime = (utcMs: number): string => {
  const day = Math.floor(utcMs / DAY_MS);
  let date = days.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (days.size > 10_000) days.clear();
    days.set(day, date);
  }
  let rest = Math.floor(utcMs) - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${date} ${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1000)}`;
};

/** The wall-clock time in `timeZone` at `utcMs`, `YYYY-MM-DD hh:mm:ss`. */
export const localClickHouseTime = (timeZone: string, utcMs: number): string =>
  clickHouseTime(utcMs + zoneOffsetMs(timeZone, utcMs)).slice(0, 19);

export const isKnownTimeZone = (timeZone: string): boolean => formatterOf(timeZone) !== null;
