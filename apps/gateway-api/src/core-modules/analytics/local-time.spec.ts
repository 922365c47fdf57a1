import { clickHouseTime, isKnownTimeZone, localClickHouseTime, zoneOffsetMs } from './local-time';

const at = (iso: string) => Date.parse(iso);

describe('local time of facts', () => {
  it('applies whole-hour, half-hour and quarter-hour offsets', () => {
    expect(localClickHouseTime('UTC', at('2026-11-29T23:30:00Z'))).toBe('2026-11-29 23:30:00');
    expect(localClickHouseTime('Europe/Berlin', at('2026-11-29T23:30:00Z'))).toBe(
      '2026-11-30 00:30:00',
    );
    expect(localClickHouseTime('Asia/Kolkata', at('2026-11-29T20:00:00Z'))).toBe(
      '2026-11-30 01:30:00',
    );
    expect(localClickHouseTime('Asia/Kathmandu', at('2026-11-29T00:00:00Z'))).toBe(
      '2026-11-29 05:45:00',
    );
  });

  it('follows daylight saving time on both sides of a change', () => {
    // New York leaves DST at 06:00 UTC on 2026-11-01.
    expect(zoneOffsetMs('America/New_York', at('2026-11-01T05:59:59Z'))).toBe(-4 * 3600_000);
    expect(zoneOffsetMs('America/New_York', at('2026-11-01T06:00:00Z'))).toBe(-5 * 3600_000);
    expect(localClickHouseTime('America/New_York', at('2026-11-01T05:30:00Z'))).toBe(
      '2026-11-01 01:30:00',
    );
    expect(localClickHouseTime('America/New_York', at('2026-11-01T06:30:00Z'))).toBe(
      '2026-11-01 01:30:00',
    );
  });

  it('treats an unknown zone as UTC instead of failing', () => {
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(localClickHouseTime('Mars/Olympus_Mons', at('2026-11-29T10:00:00Z'))).toBe(
      '2026-11-29 10:00:00',
    );
  });

  it('formats UTC times exactly as toISOString does, milliseconds and all', () => {
    const samples = [0, 999, 86_399_999, Date.parse('1999-12-31T23:59:59.999Z')];
    for (let i = 0; i < 2_000; i++) samples.push(Math.floor(Math.random() * 4_102_444_800_000));
    for (const ms of samples)
      expect(clickHouseTime(ms)).toBe(new Date(ms).toISOString().replace('T', ' ').slice(0, -1));
  });
});
