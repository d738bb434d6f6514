import type { Simulation } from '../../src/kernel/simulation.js';
import type { Pod } from './pod.js';
import { startProbe, type ProbeOptions } from './probe.js';

/**
 * The kubelet's readiness probe of one pod (defaults: period 10 s, timeout
 * 1 s, failure threshold 3, success threshold 1). `failureThreshold`
 * consecutive failures make the pod not Ready, and every Service drops it
 * from its endpoints while the container keeps running; `successThreshold`
 * consecutive successes make it Ready again. A restarted container is not
 * Ready until its probe first succeeds. Without this probe a pod counts as
 * Ready whenever its container runs, frozen or not.
 */
export interface ReadinessOptions extends ProbeOptions {
  readonly failureThreshold: number;
  readonly successThreshold: number;
}

export function startReadinessProbe(sim: Simulation, pod: Pod, o: ReadinessOptions): void {
  let failures = 0;
  let successes = 0;
  pod.gateReadiness();
  startProbe(sim, pod, o, `readiness/${pod.name}`, {
    success: () => {
      failures = 0;
      if (++successes >= o.successThreshold) pod.setReady(true);
    },
    failure: () => {
      successes = 0;
      if (++failures >= o.failureThreshold) pod.setReady(false);
    },
    reset: () => { failures = 0; successes = 0; },
  });
}
