import type { Micros } from './time.js';
import type { Trace } from './trace.js';

/** A fault as data: at `at`, do `kind` to `target`, with `params`. */
export interface Fault {
  readonly at: Micros;
  readonly target: string;
  readonly kind: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export type FaultHandler = (fault: Fault) => void;

export class FaultError extends Error {
  override name = 'FaultError';
}

interface Scheduler {
  readonly now: Micros;
  at(time: Micros, fn: (arg: any) => void, arg?: unknown): number;
}

/**
 * Delivers faults to the models that subscribed to them. Models say which
 * (target, kind) pairs they understand; a schedule naming anything else is
 * rejected before the run starts, listing what is valid.
 */
export class FaultInjector {
  private readonly handlers = new Map<string, Map<string, FaultHandler>>();
  readonly injected: Fault[] = [];

  constructor(private readonly sim: Scheduler, private readonly trace: Trace) {}

  on(target: string, kind: string, handler: FaultHandler): void {
    let kinds = this.handlers.get(target);
    if (!kinds) this.handlers.set(target, (kinds = new Map()));
    kinds.set(kind, handler);
  }

  /** Every target with the fault kinds it accepts, sorted. */
  catalogue(): { target: string; kinds: string[] }[] {
    return [...this.handlers.entries()]
      .map(([target, kinds]) => ({ target, kinds: [...kinds.keys()].sort() }))
      .sort((x, y) => x.target.localeCompare(y.target));
  }

  /** Why `fault` cannot be delivered, or null if it can. */
  problem(fault: Fault): string | null {
    const kinds = this.handlers.get(fault.target);
    if (!kinds) return `unknown fault target "${fault.target}" (valid: ${this.catalogue().map((c) => c.target).join(', ')})`;
    if (!kinds.has(fault.kind)) return `target "${fault.target}" has no fault "${fault.kind}" (valid: ${[...kinds.keys()].sort().join(', ')})`;
    return null;
  }

  /** Schedules every fault; throws FaultError naming the first that cannot be delivered. */
  schedule(faults: readonly Fault[]): void {
    faults.forEach((fault, i) => {
      const problem = this.problem(fault);
      if (problem) throw new FaultError(`fault #${i + 1}: ${problem}`);
    });
    for (const fault of faults) this.sim.at(Math.max(fault.at, this.sim.now), (f: Fault) => this.inject(f), fault);
  }

  /** Delivers a fault now (the TUI's live faults use this too). */
  inject(fault: Fault): void {
    const problem = this.problem(fault);
    if (problem) throw new FaultError(problem);
    const now: Fault = { ...fault, at: this.sim.now };
    this.injected.push(now);
    this.trace.emit('fault', fault.kind, { target: fault.target, params: fault.params ? JSON.stringify(fault.params) : null });
    this.handlers.get(fault.target)!.get(fault.kind)!(now);
  }
}
