/** Small statistics shared by the classifier and the reference inference. */

/**
 * Lower bound of the Wilson score interval for k successes in n trials (z = 1.96: 95%): how
 * high a share can be trusted to be, given how few values were seen.
 */
export function wilsonLowerBound(k: number, n: number, z = 1.96): number {
  if (n === 0) return 0;
  const p = k / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
}
