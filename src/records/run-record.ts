/**
 * One finished run of a sweep, as one NDJSON line. Everything in it depends
 * only on the scenario, the parameters and the seed, never on which worker,
 * shard or machine ran it, so summaries built from records are identical
 * however the sweep was split.
 */
export interface RunRecord {
  readonly scenario: string;
  /** Position of this run in the sweep: run i uses seed `seedFor(baseSeed, i)`. */
  readonly index: number;
  readonly seed: number;
  readonly params: Record<string, unknown>;
  readonly digest: string;
  /** NaN and infinities are stored as null (JSON cannot hold them). */
  readonly metrics: Record<string, number | null>;
  readonly claims: readonly Outcome[];
  /**
   * Whether each invariant held (was never violated) in the run. Only a
   * scenario that declares invariants has the field, so records of others,
   * and files written before it existed, are unchanged.
   */
  readonly invariants?: readonly Outcome[];
}

export interface Outcome {
  readonly name: string;
  readonly pass: boolean;
}

/** Just the name and pass of each claim or invariant result, in that key order (what a record stores). */
export function outcomesOf(results: readonly Outcome[]): Outcome[] {
  return results.map((r) => ({ name: r.name, pass: r.pass }));
}

/** The seed of run `index` of a sweep started from `baseSeed`: consecutive, so `sim run --seed` replays any run. */
export function seedFor(baseSeed: number, index: number): number {
  return baseSeed + index;
}
