import type { RunRecord } from './run-record.js';

/**
 * The records a summary needs, kept small: every record shares one params
 * object (see IdentityCheck) and one copy of each claim name, so a sweep of
 * 100,000 runs holds its records in tens of megabytes.
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
      claims: r.claims.map((c) => ({ name: this.intern(c.name), pass: c.pass })),
    });
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
