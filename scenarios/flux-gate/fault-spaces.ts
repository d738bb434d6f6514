import type { FaultKind, FaultSpace } from '../../src/scenario/fault-space.js';
import type { FluxParams } from './params.js';

/** Faults start while the sale is on: the window is the sale itself. */
const saleWindow = (p: FluxParams) => ({ fromMs: p.saleStartMs, toMs: p.saleStartMs + p.saleWindowMs });

const workerNames = (p: FluxParams) => Array.from({ length: p.workers }, (_, i) => `worker-${i}`);

/** A worker dies (process crash or OOM kill); Kubernetes restarts it after the crash-loop back-off. */
export function workerDeathSpace(kind: 'crash' | 'oom'): FaultSpace<FluxParams> {
  return {
    window: saleWindow,
    maxFaults: 3,
    kinds: (p) => [{ name: kind, targets: workerNames(p), severities: [0], expand: (target, _s, at) => [{ at, target, kind }] }],
  };
}

/** A component (broker, database) is down for a while, then back by itself; shortest outages first. */
export function outageSpace(target: string): FaultSpace<FluxParams> {
  const kind: FaultKind = {
    name: `${target} crash`,
    targets: [target],
    severities: [2_000, 5_000, 10_000, 20_000],
    expand: (t, forMs, at) => [{ at, target: t, kind: 'crash', params: { restartAfterMs: forMs } }],
  };
  return { window: saleWindow, maxFaults: 2, kinds: () => [kind] };
}
