import { MAX_RETRY_AFTER_MS } from '@cxgenie/channels';
import { retryDelayMs } from './delivery-retry';

describe('retryDelayMs', () => {
  it('waits what the platform asked for, whatever the attempt', () => {
    expect(retryDelayMs(1, 3_000)).toBe(3_000);
    expect(retryDelayMs(7, 0)).toBe(0);
    expect(retryDelayMs(1, 10 * MAX_RETRY_AFTER_MS)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('backs off exponentially from one second, capped at five minutes, with bounded jitter', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, null, middle))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
    expect(retryDelayMs(30, null, middle)).toBe(300_000);
    expect(retryDelayMs(1, null, () => 0)).toBe(800);
    expect(retryDelayMs(1, null, () => 0.999_999)).toBe(1_200);
  });
});
