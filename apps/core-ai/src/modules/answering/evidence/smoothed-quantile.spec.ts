import { harrellDavisQuantile, regularizedBeta } from './smoothed-quantile';

describe('harrellDavisQuantile', () => {
  it('computes the regularised incomplete beta function', () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 10);
    expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 10);
    // 1 - P(Binomial(6, 0.2) <= 1)
    expect(regularizedBeta(0.2, 2, 5)).toBeCloseTo(0.34464, 8);
    expect(regularizedBeta(0.9, 30, 2)).toBeCloseTo(1 - regularizedBeta(0.1, 2, 30), 10);
  });

  it('estimates quantiles from every value, in order', () => {
    const values = [7, 1, 9, 3, 5, 2, 10, 4, 8, 6];
    expect(harrellDavisQuantile(values, 0.5)).toBeCloseTo(5.5, 6);
    const q90 = harrellDavisQuantile(values, 0.9);
    expect(q90).toBeGreaterThan(8.5);
    expect(q90).toBeLessThan(10);
    expect(harrellDavisQuantile(values, 0.95)).toBeGreaterThan(q90);
    expect(harrellDavisQuantile([0.4], 0.95)).toBe(0.4);
    expect(harrellDavisQuantile([], 0.95)).toBeNaN();
  });
});
