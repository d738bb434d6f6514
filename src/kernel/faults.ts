import type { ZodType } from 'zod';
import { MAX_RUN_MS, US_PER_MS, type Micros } from './time.js';
import type { Trace } from './trace.js';

/** A fault as data: at `at`, do `kind` to `target`, with `params`. */
export interface Fault {
  readonly at: Micros;
  readonly target: string;
  readonly kind: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export type FaultHandler = (fault: Fault) => void;

/**
 * A fault kind's parameters as a zod schema, or a function giving it when
 * asked (a network's hosts are known only once the whole system is built).
 */
export type FaultParams = ZodType | (() => ZodType);

export class FaultError extends Error {
  override name = 'FaultError';
  /** The schedule index (from 0) of the fault at fault, and the field that is wrong ('' for the fault as a whole). */
  constructor(message: string, readonly index?: number, readonly field: string = '') {
    super(message);
  }
}

interface Registration {
  readonly handler: FaultHandler;
  readonly params: FaultParams | undefined;
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
  private readonly handlers = new Map<string, Map<string, Registration>>();
  readonly injected: Fault[] = [];
  /** Delivery times of scheduled faults not delivered yet, by target, earliest first. */
  private readonly pending = new Map<string, Micros[]>();

  constructor(private readonly sim: Scheduler, private readonly trace: Trace) {}

  /**
   * Subscribes `handler` to `kind` faults at `target`. With `params`, every
   * scheduled fault's params are checked against it before the run starts,
   * and the handler receives them parsed (defaults filled in); without, a
   * fault's params reach the handler as written, unchecked.
   */
  on(target: string, kind: string, handler: FaultHandler, params?: FaultParams): void {
    // Checked here, in the model's own call, so a mistake points at its file:line rather than at a fault firing later.
    if (typeof handler !== 'function') throw new TypeError(`faults.on("${target}", "${kind}"): the handler is a ${typeof handler}, expected a function`);
    const schema = params === undefined || typeof params === 'function' || typeof (params as { safeParse?: unknown } | null)?.safeParse === 'function';
    if (!schema) throw new TypeError(`faults.on("${target}", "${kind}"): params is ${params === null ? 'null' : `a ${typeof params}`}, expected a zod schema (or a function giving one)`);
    let kinds = this.handlers.get(target);
    if (!kinds) this.handlers.set(target, (kinds = new Map()));
    kinds.set(kind, { handler, params });
  }

  /** The params schema of `kind` at `target`, if its model declared one. */
  paramsOf(target: string, kind: string): ZodType | undefined {
    const params = this.handlers.get(target)?.get(kind)?.params;
    return typeof params === 'function' ? params() : params;
  }

  /** Every target with the fault kinds it accepts, sorted. */
  catalogue(): { target: string; kinds: string[] }[] {
    return [...this.handlers.entries()]
      .map(([target, kinds]) => ({ target, kinds: [...kinds.keys()].sort() }))
      .sort((x, y) => x.target.localeCompare(y.target));
  }

  /** Why `fault` cannot be delivered, or null if it can. */
  problem(fault: Fault): string | null {
    const r = this.resolve(fault);
    return r.ok ? null : r.message;
  }

  /**
   * What is wrong with `fault` (the field: '' for target and kind, "params.x"
   * for a parameter), or how to deliver it: the handler and the params it
   * gets (parsed, defaults filled in, when the kind has a schema).
   */
  private resolve(fault: Fault): { ok: false; message: string; field: string } | { ok: true; handler: FaultHandler; params: Record<string, unknown> | undefined } {
    if (!(fault.at <= MAX_RUN_MS * US_PER_MS)) return { ok: false, field: 'at', message: `at ${fault.at / US_PER_MS} ms: beyond the longest run (${MAX_RUN_MS} ms)` };
    const kinds = this.handlers.get(fault.target);
    if (!kinds) return { ok: false, field: 'target', message: `unknown fault target "${fault.target}" (valid: ${this.catalogue().map((c) => c.target).join(', ')})` };
    const registration = kinds.get(fault.kind);
    if (!registration) return { ok: false, field: 'kind', message: `target "${fault.target}" has no fault "${fault.kind}" (valid: ${[...kinds.keys()].sort().join(', ')})` };
    const schema = this.paramsOf(fault.target, fault.kind);
    if (schema === undefined) return { ok: true, handler: registration.handler, params: fault.params };
    const r = schema.safeParse(fault.params ?? {});
    if (r.success) return { ok: true, handler: registration.handler, params: r.data as Record<string, unknown> };
    const issue = r.error.issues[0]!;
    const field = ['params', ...issue.path.map(String)].join('.');
    return { ok: false, field, message: `${fault.target} ${fault.kind}: ${field}: ${issue.message.replace(/\s*\n\s*/g, ' ')}` };
  }

  /** Schedules every fault, whenever it falls; throws FaultError naming the first that cannot be delivered. */
  schedule(faults: readonly Fault[]): void {
    faults.forEach((fault, i) => {
      const r = this.resolve(fault);
      if (!r.ok) throw new FaultError(`fault #${i + 1}: ${r.message}`, i, r.field);
    });
    for (const fault of faults) {
      const at = Math.round(Math.max(fault.at, this.sim.now));
      let times = this.pending.get(fault.target);
      if (!times) this.pending.set(fault.target, (times = []));
      times.push(at);
      times.sort((a, b) => a - b);
      this.sim.at(at, this.deliver, fault);
    }
  }

  /**
   * When the next scheduled fault at `target` will be delivered (Infinity if
   * none is). A model whose state changes only through faults may rely on it
   * to know that nothing changes before then (the network's one-event
   * messages do). The TUI's live faults join the schedule by a rebuild, so
   * this sees them too.
   */
  nextAt(target: string): Micros {
    const times = this.pending.get(target);
    return times === undefined || times.length === 0 ? Infinity : times[0]!;
  }

  private readonly deliver = (fault: Fault): void => {
    // Scheduled faults arrive in time order, so this target's earliest pending time is this one's.
    this.pending.get(fault.target)!.shift();
    this.inject(fault);
  };

  /** Delivers a fault now (the TUI's live faults use this too). */
  inject(fault: Fault): void {
    const r = this.resolve(fault);
    if (!r.ok) throw new FaultError(r.message);
    const now: Fault = { ...fault, at: this.sim.now };
    this.injected.push(now);
    this.trace.emit('fault', fault.kind, { target: fault.target, params: fault.params ? JSON.stringify(fault.params) : null });
    r.handler(r.params === fault.params ? now : { ...now, params: r.params });
  }
}
