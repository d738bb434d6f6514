import { MAX_RUN_MS } from '../kernel/time.js';
import { checkRunLength } from '../runner/run-length.js';
import type { FaultKind, FaultSpace } from '../scenario/fault-space.js';
import { FaultSpecSchema, type FaultSpec } from '../scenario/fault-spec.js';
import type { Invariant, InvariantVerdict, InvariantWatch } from '../scenario/invariant.js';
import type { AnyScenario, ClaimVerdict } from '../scenario/scenario.js';
import { UsageError } from './errors.js';

/**
 * A user's scenario module is untrusted input: every answer its code gives
 * (run length, fault schedule, metrics, claim and invariant verdicts) is
 * checked where it crosses into failsim, and a wrong one is bad input that
 * names the scenario file and the field. Built-in scenarios are not wrapped.
 */
export function guardScenario(ref: string, s: AnyScenario): AnyScenario {
  const where = `scenario file "${ref}"`;
  checkParts(where, s);
  return {
    ...s,
    durationMs: (p) => checkRunLength(s.durationMs(p), `${where}: durationMs`),
    faults: (p) => checkFaults(where, s.faults(p)),
    metrics: (w, sim, p) => checkMetrics(where, s.metrics(w, sim, p)),
    claims: s.claims.map((c) => ({ ...c, check: (m: Record<string, number>, p: Record<string, unknown>) => checkVerdict(`${where}: claim "${c.name}"`, c.check(m, p)) })),
    ...(s.invariants === undefined ? {} : { invariants: s.invariants.map((i) => guardInvariant(where, i)) }),
    ...(s.faultSpace === undefined ? {} : { faultSpace: guardFaultSpace(`${where}: faultSpace`, s.faultSpace) }),
  };
}

/** `sim check` draws faults from the fault space: its window, kinds and their expansions are checked as they are read. */
function guardFaultSpace(where: string, space: FaultSpace): FaultSpace {
  const ok = typeof space === 'object' && space !== null && typeof space.window === 'function' && typeof space.kinds === 'function' && Number.isSafeInteger(space.maxFaults) && space.maxFaults > 0;
  if (!ok) throw new UsageError(`${where}: expected {window(params), maxFaults: a positive integer, kinds(params)}`);
  const window: FaultSpace['window'] = (p) => {
    const w = space.window(p) as { fromMs?: unknown; toMs?: unknown } | null | undefined;
    const from = w?.fromMs, to = w?.toMs;
    if (typeof from !== 'number' || typeof to !== 'number' || !(from >= 0 && from <= to && to <= MAX_RUN_MS)) {
      throw new UsageError(`${where}: window() returned ${JSON.stringify(w) ?? describe(w)}, expected {fromMs, toMs} with 0 <= fromMs <= toMs <= ${MAX_RUN_MS}`);
    }
    return { fromMs: from, toMs: to };
  };
  const kinds: FaultSpace['kinds'] = (p) => {
    const list: unknown = space.kinds(p);
    if (!Array.isArray(list) || list.length === 0) throw new UsageError(`${where}: kinds() returned ${Array.isArray(list) ? 'an empty list' : describe(list)}, expected a list of one or more fault kinds`);
    return list.map((k: Partial<FaultKind> | null, i) => {
      const strings = (v: unknown, type: string) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === type && (type === 'string' || Number.isFinite(x)));
      if (typeof k?.name !== 'string' || !strings(k.targets, 'string') || !strings(k.severities, 'number') || typeof k.expand !== 'function') {
        throw new UsageError(`${where}: kinds()[${i}]: expected {name, targets: [string, ...], severities: [number, ...], expand(target, severity, atMs)}`);
      }
      const expand = k.expand.bind(k);
      return { ...(k as FaultKind), expand: (t, sev, at) => checkFaults(`${where}: kind "${k.name}"`, expand(t, sev, at), 'expand()') };
    });
  };
  return { ...space, window, kinds };
}

/** The lists a scenario declares, checked once when it loads: each claim, invariant and "sometimes" path well formed. */
function checkParts(where: string, s: AnyScenario): void {
  const named = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string';
  s.claims.forEach((c: unknown, i) => {
    if (!named(c) || typeof c.check !== 'function') throw new UsageError(`${where}: claims[${i}]: expected {name: string, check(metrics, params)}`);
  });
  if (s.invariants !== undefined && !Array.isArray(s.invariants)) throw new UsageError(`${where}: invariants: expected a list`);
  (s.invariants ?? []).forEach((v: unknown, i) => {
    const ok = named(v) && (v.kind === 'always' || v.kind === 'eventually') && typeof v.watch === 'function';
    if (!ok) throw new UsageError(`${where}: invariants[${i}]: expected {name: string, kind: "always" or "eventually", watch(world, sim, params)}`);
  });
  if (s.sometimes !== undefined && !(Array.isArray(s.sometimes) && s.sometimes.every((v: unknown) => named(v) && typeof v.reached === 'function'))) {
    throw new UsageError(`${where}: sometimes: expected a list of {name: string, reached(record)}`);
  }
}

function checkFaults(where: string, value: unknown, what = 'faults()'): FaultSpec[] {
  if (!Array.isArray(value)) throw new UsageError(`${where}: ${what} returned ${describe(value)}, expected a list of faults ([] for none)`);
  value.forEach((f, i) => {
    const r = FaultSpecSchema.safeParse(f);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const field = issue.path.length === 0 ? '' : ` "${issue.path.join('.')}"`;
      throw new UsageError(`${where}: ${what}[${i}]${field}: ${issue.message}`);
    }
  });
  return value as FaultSpec[];
}

function checkMetrics(where: string, value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where}: metrics() returned ${describe(value)}, expected an object of numbers`);
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'number') throw new UsageError(`${where}: metrics() "${name}" is ${describe(v)}, expected a number (NaN where nothing was measured)`);
  }
  return value as Record<string, number>;
}

function checkVerdict<V extends ClaimVerdict>(what: string, value: unknown): V {
  const v = value as { pass?: unknown; detail?: unknown } | null | undefined;
  if (typeof v !== 'object' || v === null || typeof v.pass !== 'boolean' || !(v.detail === undefined || typeof v.detail === 'string')) {
    throw new UsageError(`${what}: returned ${describe(value)}, expected {pass: boolean, detail: string}`);
  }
  return (v.detail === undefined ? { ...v, detail: '' } : v) as V;
}

function guardInvariant(where: string, inv: Invariant): Invariant {
  const what = `${where}: invariant "${inv.name}"`;
  return {
    ...inv,
    watch: (world, sim, params): InvariantWatch => {
      const w = inv.watch(world, sim, params) as Partial<InvariantWatch> | null | undefined;
      if (typeof w?.verdict !== 'function') throw new UsageError(`${what}: watch() returned ${describe(w)}, expected {verdict(), record?(rec)}`);
      const verdict = w.verdict.bind(w);
      return { ...(w.record ? { record: w.record.bind(w) } : {}), verdict: () => checkVerdict<InvariantVerdict>(what, verdict()) };
    },
  };
}

/** A value's kind, as an error message names it: "undefined", "a string", "NaN"... */
function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
