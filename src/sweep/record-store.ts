import type { Outcome, RunRecord } from '../records/run-record.js';

/**
 * The records a summary needs, kept small: every record shares one params
 * object (see IdentityCheck) and one copy of each claim and invariant name,
 * so a sweep of 100,000 runs holds its records in tens of megabytes.
 */
export class RecordStore {
  private readonly records: RunRecord[] = [];
  private readonly strings = new Map<string, string>();

  get size(): number {
    return this.records.length;
  }

  add(r: RunRecord): void {
    this.records.push({
      scenario: this.intern(r.scenario),
      index: r.index,
      seed: r.seed,
      params: r.params,
      digest: r.digest,
      metrics: r.metrics,
      claims: this.outcomes(r.claims),
      ...(r.invariants === undefined ? {} : { invariants: this.outcomes(r.invariants) }),
    });
  }

  private outcomes(list: readonly Outcome[]): Outcome[] {
    return list.map((o) => ({ name: this.intern(o.name), pass: o.pass }));
  }

  /** The records in run-index order. */
  sorted(): RunRecord[] {
    return this.records.sort((a, b) => a.index - b.index);
  }

  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }
}
