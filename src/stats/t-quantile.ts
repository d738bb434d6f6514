/** The standard normal's 97.5% quantile: the half-width multiplier of a 95% interval. */
export const Z_975 = 1.959963984540054;

/** Student t 97.5% quantiles for 1..30 degrees of freedom (standard tables, 6 significant digits). */
const T_975 = [
  12.7062, 4.30265, 3.18245, 2.77645, 2.57058, 2.44691, 2.36462, 2.30600, 2.26216, 2.22814,
  2.20099, 2.17881, 2.16037, 2.14479, 2.13145, 2.11991, 2.10982, 2.10092, 2.09302, 2.08596,
  2.07961, 2.07387, 2.06866, 2.06390, 2.05954, 2.05553, 2.05183, 2.04841, 2.04523, 2.04227,
];

/**
 * Student t 97.5% quantile for `df` degrees of freedom. Up to 30 from the
 * table; above, the Cornish-Fisher expansion of t around the normal
 * quantile (Abramowitz & Stegun 26.7.5), which is within 1e-6 of the exact
 * value there and tends to the normal 1.959964 as df grows. So small samples
 * get the wider t interval they need and large ones the normal interval,
 * with no jump at a cut-off.
 */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) return NaN;
  if (df <= 30 && Number.isInteger(df)) return T_975[df - 1]!;
  const z = Z_975, z2 = z * z;
  const g1 = (z2 + 1) * z / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}
