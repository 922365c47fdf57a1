/**
 * The Harrell–Davis estimate of the `p` quantile of `values`: a weighted mean of all the order
 * statistics (Beta((n+1)p, (n+1)(1-p)) weights) instead of the single one at the quantile. With a
 * few dozen calibration scores, the 95th percentile read off one of them moves a whole score gap
 * from one question to the next; this estimate moves less and under-states the tail less often.
 */
export function harrellDavisQuantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return sorted[0]!;
  const a = (n + 1) * p;
  const b = (n + 1) * (1 - p);
  let estimate = 0;
  let below = 0;
  for (let i = 1; i <= n; i += 1) {
    const upTo = regularizedBeta(i / n, a, b);
    estimate += (upTo - below) * sorted[i - 1]!;
    below = upTo;
  }
  return estimate;
}

/** I_x(a, b), the regularised incomplete beta function (Numerical Recipes' continued fraction). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(x, a, b)) / a
    : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m += 1) {
    const m2 = 2 * m;
    for (const step of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + step * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + step / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-12) break;
  }
  return h;
}

/** Lanczos' approximation of ln Γ(z), z > 0. */
function logGamma(z: number): number {
  const g = [
    76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155,
    0.001208650973866179, -0.000005395239384953,
  ];
  let x = z;
  let y = z;
  let tmp = x + 5.5;
  tmp -= (x + 0.5) * Math.log(tmp);
  let series = 1.000000000190015;
  for (const coefficient of g) series += coefficient / ++y;
  x = -tmp + Math.log((Math.sqrt(2 * Math.PI) * series) / z);
  return x;
}
