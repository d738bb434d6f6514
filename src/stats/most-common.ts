/**
 * The value most runs share and how many share it; among equally common
 * values the smallest, so the answer never depends on run order. For a
 * metric like downtime or data lost this is usually 0 ("nothing happened"),
 * and the runs away from it are the ones where something did.
 */
export function mostCommonValue(values: readonly number[]): { readonly value: number; readonly count: number } {
  const sorted = Float64Array.from(values).sort();
  let value = NaN, count = 0;
  for (let i = 0, run = 0; i < sorted.length; i++) {
    run = i > 0 && sorted[i] === sorted[i - 1] ? run + 1 : 1;
    if (run > count) { count = run; value = sorted[i]!; }
  }
  return { value, count };
}

