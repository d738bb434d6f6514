import type { Invariant } from '../../../src/scenario/invariant.js';
import type { FirewallParams } from '../params.js';
import type { FirewallView } from '../metrics.js';

/** The HPA keeps spec.replicas within [minReplicas, maxReplicas], whatever the metrics say. */
export const replicasBounded: Invariant<FirewallParams, FirewallView> = {
  name: 'the HPA keeps replicas within its bounds',
  kind: 'always',
  source: 'autoscaling/v2: spec.minReplicas, spec.maxReplicas',
  watch({ world }, sim, p) {
    let broke: { at: number; n: number } | null = null;
    return {
      record() {
        const n = world.deployment.replicas;
        if (broke === null && (n < p.replicas || n > p.maxReplicas)) broke = { at: sim.now / 1000, n };
      },
      verdict() {
        if (broke === null) return { pass: true, detail: `replicas stayed within [${p.replicas}, ${p.maxReplicas}]` };
        return { pass: false, detail: `replicas ${broke.n} outside [${p.replicas}, ${p.maxReplicas}]`, atMs: broke.at };
      },
    };
  },
};
