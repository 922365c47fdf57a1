import {
  backoffDelayMs,
  DEFAULT_RETRY_OPTIONS,
  retryAfterMs,
  retryDelayMs,
  sleep,
} from './http-retry';

const headers = (values: Record<string, string>) => new Headers(values);

describe('retry timing', () => {
  it('reads retry-after-ms first, then retry-after in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': '2' }), now)).toBe(2_000);
    expect(retryAfterMs(headers({ 'retry-after': 'Sun, 29 Nov 2026 12:00:03 GMT' }), now)).toBe(
      3_000,
    );
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(retryAfterMs(headers({}), now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });

  it('draws backoff uniformly below a ceiling that doubles up to the maximum', () => {
    const options = { ...DEFAULT_RETRY_OPTIONS, baseDelayMs: 100, maxDelayMs: 1_000 };
    const highest = () => 0.999_999;
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelayMs(retry, options, highest))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
  });

  it('waits what the server asked, capped, instead of backing off', () => {
    const options = { ...DEFAULT_RETRY_OPTIONS, maxRetryAfterMs: 5_000 };
    expect(retryDelayMs(0, options, headers({ 'retry-after': '1' }), () => 0)).toBe(1_000);
    expect(retryDelayMs(0, options, headers({ 'retry-after': '3600' }), () => 0)).toBe(5_000);
  });

  it('stops sleeping when the signal aborts, with its reason', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort(new Error('caller left'));
    await expect(slept).rejects.toThrow('caller left');
  });
});
