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
