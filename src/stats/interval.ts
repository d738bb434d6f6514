/** A two-sided interval [lo, hi]; a tuple so it serialises as a two-element JSON array. */
export type Interval = readonly [lo: number, hi: number];
