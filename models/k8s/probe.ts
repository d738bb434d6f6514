import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { Pod } from './pod.js';

/**
 * One kubelet probe of a pod's container (defaults: period 10 s, timeout
 * 1 s). A TCP probe only checks that the port accepts a connection, so it
 * does not notice a frozen process: the kernel still completes the
 * handshake. An HTTP probe needs the application to answer. The probe runs
 * in the kubelet, so it stops while the node is down.
 */
export interface ProbeOptions {
  readonly kind: 'tcp' | 'http';
  readonly periodMs: number;
  readonly timeoutMs: number;
  /**
   * What an HTTP probe's endpoint answers while the application serves
   * (default: 200). A health endpoint that checks a dependency answers 503
   * when it is away: a failure at once, not at the timeout.
   */
  readonly check?: (() => boolean) | undefined;
}

export interface ProbeOutcomes {
  /** The probe got its answer. */
  success(): void;
  /** The probe's timeout ran out without an answer, the container still up. */
  failure(): void;
  /** The container stopped: consecutive counts start over (the kubelet probes each container anew). */
  reset(): void;
}

const containerUp = (pod: Pod) => pod.state === 'running' || pod.state === 'hung';

/**
 * Runs the kubelet's probe loop for `pod` and reports each outcome; a probe
 * instant with no container up reports nothing. The loop's phase is drawn from the stream `stream`: the kubelet starts it with
 * the container, not in step with other pods.
 */
export function startProbe(sim: Simulation, pod: Pod, o: ProbeOptions, stream: string, on: ProbeOutcomes): void {
  const fail = () => { if (containerUp(pod)) on.failure(); };
  const probe = () => {
    if (pod.removed) return;
    if (containerUp(pod)) {
      // A probe that gets no answer fails only when its timeout runs out.
      if (o.kind === 'http' && pod.serving && o.check !== undefined) {
        if (o.check()) on.success();
        else on.failure();
      } else if (o.kind === 'tcp' ? pod.acceptsTcp : pod.serving) on.success();
      else sim.schedule(ms(o.timeoutMs), fail);
    }
    sim.schedule(ms(o.periodMs), probe);
  };
  pod.onStop(() => on.reset());
  sim.schedule(ms(o.periodMs * sim.rng(stream).next()), probe);
}
