import type { Simulation } from '../../src/kernel/simulation.js';
import type { Pod } from './pod.js';
import { startProbe, type ProbeOptions } from './probe.js';

/**
 * The kubelet's liveness probe of one pod (defaults: period 10 s, timeout
 * 1 s, failure threshold 3). After `failureThreshold` consecutive failures
 * the kubelet kills the container, which then restarts under the
 * crash-loop back-off. A TCP liveness probe never fails on a frozen process.
 */
export interface LivenessOptions extends ProbeOptions {
  readonly failureThreshold: number;
}

export function startLivenessProbe(sim: Simulation, pod: Pod, o: LivenessOptions): void {
  let failures = 0;
  startProbe(sim, pod, o, `liveness/${pod.name}`, {
    success: () => { failures = 0; },
    reset: () => { failures = 0; },
    failure: () => {
      failures++;
      sim.trace.emit(pod.name, 'liveness-fail', { failures, threshold: o.failureThreshold });
      if (failures >= o.failureThreshold) {
        failures = 0;
        pod.crash('liveness probe failed');
      }
    },
  });
}
