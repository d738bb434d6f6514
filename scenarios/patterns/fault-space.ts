import type { FaultKind, FaultSpace } from '../../src/scenario/fault-space.js';
import { GATEWAY } from './dependency.js';
import type { PatternsParams } from './params.js';

const targets = (p: PatternsParams): readonly string[] =>
  p.topology === 'single' ? ['dependency'] : p.topology === 'pool' ? ['database'] : GATEWAY.map((g) => g.name).reverse();

/** A degradation of seed 001's first table, lasting `healAfterMs` (the severity), shortest first. */
function degradation(name: string, kind: string, params: Record<string, number>): (p: PatternsParams) => FaultKind {
  return (p) => ({
    name,
    targets: targets(p),
    severities: [2_000, 10_000, 30_000],
    expand: (target, healAfterMs, at) => [{ at, target, kind, params: { ...params, healAfterMs } }],
  });
}

const KINDS = [
  degradation('latency spike', 'latency-spike', { addMs: 2_000 }),
  degradation('error rate', 'error-rate', { rate: 0.5 }),
  degradation('refused', 'refuse', {}),
  degradation('slow', 'slow', { factor: 10 }),
  (p: PatternsParams): FaultKind => ({
    name: 'crash',
    targets: targets(p),
    severities: [2_000, 10_000, 30_000],
    expand: (target, restartAfterMs, at) => [{ at, target, kind: 'crash', params: { restartAfterMs } }],
  }),
];

/** Room after the last fault: its longest severity (30 s), then the 90 s the eventually-invariant gives, and 5 s to judge. */
const AFTER_LAST_FAULT_MS = 30_000 + 90_000 + 5_000;

/** Any dependency degrades or crashes, while the clients are calling, early enough that recovery is judged within the run. */
export const dependencyFaultSpace: FaultSpace<PatternsParams> = {
  window: (p) => ({ fromMs: p.faultAtMs, toMs: Math.max(p.faultAtMs, p.durationMs - AFTER_LAST_FAULT_MS) }),
  maxFaults: 3,
  kinds: (p) => KINDS.map((k) => k(p)),
};

/** A crash of `targets`, back after the severity. */
function crashOf(name: string, targets: readonly string[], severities: readonly number[]): FaultKind {
  return { name, targets, severities, expand: (target, restartAfterMs, at) => [{ at, target, kind: 'crash', params: { restartAfterMs } }] };
}

/**
 * Message loss: the broker drops messages before acknowledging them, or
 * goes down; the database, Service A, its relay or the consumer crash.
 * Faults end early enough for the exactly-once invariant to be judged: the
 * writes stop 60 s before the end, and it waits 40 s after that.
 */
export const outboxFaultSpace: FaultSpace<PatternsParams> = {
  window: (p) => ({ fromMs: p.faultAtMs, toMs: Math.max(p.faultAtMs, p.durationMs - 60_000 - 20_000 - 40_000) }),
  maxFaults: 3,
  kinds: (p) => [
    {
      name: 'broker drops (before ack)', targets: ['broker'], severities: [2_000, 10_000, 20_000],
      expand: (target, healAfterMs, at) => [{ at, target, kind: 'lose-unacked', params: { rate: 0.5, healAfterMs } }],
    },
    crashOf('broker crash', ['broker'], [2_000, 10_000, 20_000]),
    crashOf('process crash', p.publish === 'outbox' ? ['relay', 'service-a', 'consumer'] : ['service-a', 'consumer'], [1_000, 5_000]),
    crashOf('database crash', ['orders-db'], [2_000, 10_000]),
  ],
};

/** The releases a deploy fault may ship, mildest first: the severity indexes it. */
const BAD_RELEASES = [
  { defect: 'error-rate', errorRate: 0.1 },
  { defect: 'crash-after-requests', crashAfterRequests: 200, restartAfterMs: 10_000 },
  { defect: 'crash-on-start' },
] as const;

/**
 * Failed deployment: a deploy of a bad release (an error rate, a crash
 * after some requests, a crash at start) with the scenario's migration,
 * at any time after the first minute; callers must get live answers again
 * within the invariant's 90 s.
 */
export const deployFaultSpace: FaultSpace<PatternsParams> = {
  window: (p) => ({ fromMs: p.faultAtMs, toMs: Math.max(p.faultAtMs, p.durationMs - 90_000 - 40_000) }),
  maxFaults: 2,
  kinds: (p) => [{
    name: 'bad release',
    targets: ['app'],
    severities: BAD_RELEASES.map((_, i) => i),
    expand: (target, i, at) => [{ at, target, kind: 'deploy', params: { release: 'v1.1', ...BAD_RELEASES[i]!, migration: p.migration } }],
  }],
};

/**
 * Data corruption: a buggy release silently corrupts 5 % of the writes for
 * a minute, ten minutes or an hour, early enough that two reconciliation
 * intervals pass before the writes stop.
 */
export const dataFaultSpace: FaultSpace<PatternsParams> = {
  window: (p) => ({ fromMs: p.faultAtMs, toMs: Math.max(p.faultAtMs, p.durationMs - 4 * p.reconcileIntervalMs - 3_600_000) }),
  maxFaults: 2,
  kinds: () => [{
    name: 'buggy release', targets: ['orders'], severities: [60_000, 600_000, 3_600_000],
    expand: (target, healAfterMs, at) => [{ at, target, kind: 'bug', params: { rate: 0.05, healAfterMs } }],
  }],
};
