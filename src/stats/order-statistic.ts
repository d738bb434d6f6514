/**
 * The k-th smallest value (k from 0) of `a`, found in place by Hoare's
 * quickselect (Hoare 1961, Algorithm 65 "FIND"): linear time, where a
 * full sort of a bootstrap's 1,999 t* values cost as much as drawing them.
 * Reorders `a`; ±Infinity and repeated values are fine (NaN is not).
 */
export function kthSmallest(a: Float64Array, k: number): number {
  if (!(k >= 0 && k < a.length)) throw new Error(`kthSmallest: k = ${k} outside 0..${a.length - 1}`);
  let lo = 0, hi = a.length - 1;
  while (lo < hi) {
    const pivot = medianOfThree(a[lo]!, a[(lo + hi) >> 1]!, a[hi]!);
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const x = a[i]!;
        a[i++] = a[j]!;
        a[j--] = x;
      }
    }
    // Now a[lo..j] <= pivot <= a[i..hi], and everything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

function medianOfThree(x: number, y: number, z: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}
