import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { Pod } from './pod.js';

/**
 * The kubelet's liveness probe of one pod (defaults: period 10 s, timeout 1 s,
 * failure threshold 3). A TCP probe only checks that the port accepts a
 * connection, so it does not notice a frozen process: the kernel still
 * completes the handshake. An HTTP probe needs the application to answer.
 * After `failureThreshold` consecutive failures the kubelet kills the
 * container, which then restarts under the crash-loop back-off. The probe
 * runs in the kubelet, so it stops while the node is down.
 */
export interface LivenessOptions {
  readonly kind: 'tcp' | 'http';
  readonly periodMs: number;
  readonly timeoutMs: number;
  readonly failureThreshold: number;
}

export function startLivenessProbe(sim: Simulation, pod: Pod, o: LivenessOptions): void {
  let failures = 0;
  const fail = () => {
    if (pod.state !== 'running' && pod.state !== 'hung') return;
    failures++;
    sim.trace.emit(pod.name, 'liveness-fail', { failures, threshold: o.failureThreshold });
    if (failures >= o.failureThreshold) {
      failures = 0;
      pod.crash('liveness probe failed');
    }
  };
  const probe = () => {
    if (pod.state === 'running' || pod.state === 'hung') {
      const ok = o.kind === 'tcp' ? pod.acceptsTcp : pod.serving;
      // A probe that gets no answer fails only when its timeout runs out.
      if (ok) failures = 0;
      else sim.schedule(ms(o.timeoutMs), fail);
    } else {
      failures = 0;
    }
    sim.schedule(ms(o.periodMs), probe);
  };
  // The kubelet's probe loop starts with the container, not in step with other pods.
  sim.schedule(ms(o.periodMs * sim.rng(`liveness/${pod.name}`).next()), probe);
}
