import type { Coverage } from '../runner/invariant-run.js';
import type { DrawnFault } from './fault-genes.js';

export interface ShareRow {
  readonly name: string;
  /** Runs in which it happened. */
  readonly runs: number;
  /** Runs it was counted over. */
  readonly of: number;
}

/**
 * `sometimes` coverage over a check's runs: in how many runs each fault
 * kind of the fault space actually fired (was delivered), and each code
 * path of interest was reached. Counts search runs only, not shrink runs.
 */
export class CoverageTally {
  runs = 0;
  private readonly fired = new Map<string, number>();
  private readonly reached = new Map<string, number>();

  constructor(kindNames: readonly string[], sometimesNames: readonly string[]) {
    for (const k of kindNames) this.fired.set(k, 0);
    for (const s of sometimesNames) this.reached.set(s, 0);
  }

  /** One search run: what it exercised (a RunResult will do) and the faults drawn for it. */
  add(result: { readonly coverage: Coverage }, drawn: readonly DrawnFault[]): void {
    this.runs++;
    const kinds = new Set(drawn.filter((d) => (result.coverage.faults[d.primary.kind] ?? 0) > 0).map((d) => d.kind));
    for (const k of kinds) this.fired.set(k, (this.fired.get(k) ?? 0) + 1);
    for (const [name, n] of Object.entries(result.coverage.reached)) if (n > 0) this.reached.set(name, (this.reached.get(name) ?? 0) + 1);
  }

  faultKinds(): ShareRow[] {
    return [...this.fired].map(([name, runs]) => ({ name, runs, of: this.runs }));
  }

  paths(): ShareRow[] {
    return [...this.reached].map(([name, runs]) => ({ name, runs, of: this.runs }));
  }

  /** True when no fault fired in any run: the check exercised nothing. */
  get nothingFired(): boolean {
    return [...this.fired.values()].every((n) => n === 0);
  }
}
