import type { Simulation } from '../../src/kernel/simulation.js';
import type { Pod } from './pod.js';
import { startProbe, type ProbeOptions } from './probe.js';
import type { ProbeEvents } from './probe-events.js';

/**
 * The kubelet's liveness probe of one pod (defaults: period 10 s, timeout
 * 1 s, failure threshold 3). After `failureThreshold` consecutive failures
 * the kubelet kills the container gracefully (Pod.terminate: SIGTERM, then
 * SIGKILL after terminationGracePeriodSeconds), and it restarts under the
 * crash-loop back-off. A TCP liveness probe never fails on a frozen process.
 */
export interface LivenessOptions extends ProbeOptions {
  readonly failureThreshold: number;
}

export function startLivenessProbe(sim: Simulation, pod: Pod, o: LivenessOptions): void {
  let failures = 0;
  // pkg/kubelet/prober/worker.go: after a failure that restarts the container
  // the worker is "on hold" until it sees a new container: no more probes of
  // the one being killed.
  let onHold = false;
  startProbe(sim, pod, o, `liveness/${pod.name}`, {
    success: () => { failures = 0; },
    reset: () => { failures = 0; onHold = false; },
    failure: () => {
      if (onHold) return;
      failures++;
      sim.trace.typed<ProbeEvents>().emit(pod.name, 'liveness-fail', { failures, threshold: o.failureThreshold });
      if (failures >= o.failureThreshold) {
        failures = 0;
        onHold = true;
        pod.terminate('liveness probe failed', false);
      }
    },
  });
}
