import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after';

describe('parseRetryAfter', () => {
  it('reads delay-seconds given as a number or a string', () => {
    expect(parseRetryAfter(5)).toBe(5_000);
    expect(parseRetryAfter('7')).toBe(7_000);
    expect(parseRetryAfter(' 1.5 ')).toBe(1_500);
    expect(parseRetryAfter(0)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('answers null for what it cannot read, so the caller backs off on its own', () => {
    for (const value of [null, undefined, '', 'soon', -3, Number.NaN, '-5']) {
      expect(parseRetryAfter(value)).toBeNull();
    }
  });

  it('caps what a platform may impose', () => {
    expect(parseRetryAfter(10 * 24 * 3600)).toBe(MAX_RETRY_AFTER_MS);
  });
});
