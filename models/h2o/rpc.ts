import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Event } from '../../src/kernel/event.js';
import type { H2OCloud } from './cloud.js';

/** RPC.RETRY_MS: the initial resend delay, doubled before the first wait [H2O-RPC]. */
export const H2O_RPC_RETRY_MS = 10_000;
/** RPC.MAX_TIMEOUT: past it the resend interval stops doubling [H2O-RPC]. */
export const H2O_RPC_MAX_TIMEOUT_MS = 60_000;

/** The i-th resend deadline after the call, ms: 20, 40, 80, 140, 200, ... (RPC.call's `_retry += _retry < MAX ? _retry : MAX`). */
export function resendDeadlineMs(i: number): number {
  let retry = H2O_RPC_RETRY_MS;
  for (let k = 0; k <= i; k++) retry += retry < H2O_RPC_MAX_TIMEOUT_MS ? retry : H2O_RPC_MAX_TIMEOUT_MS;
  return retry;
}

export type RpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: 'node-lost' };

/**
 * An H2O RPC from one node to another: sent, and resent at RPC's deadlines
 * until an answer comes [H2O-RPC]. H2O itself resends for ever (the cloud
 * never shrinks, and RPC.get only returns on an answer or a cancel); this
 * model gives up at the first deadline at which the caller no longer counts
 * the target healthy (heard within TIMEOUT), which is when a client polling
 * /3/Cloud would see the cloud unhealthy. `giveUp: false` keeps H2O's
 * resend-for-ever. A resend re-runs `handler` (H2O filters duplicates by
 * task number and answers a NACK while working; not modelled). `wanted`
 * returning false stops the resends silently (the caller cancelled).
 */
export function h2oRpc<T>(
  sim: Simulation, cloud: H2OCloud, from: string, to: string, handler: () => T | Event<T> | undefined,
  done: (r: RpcResult<T>) => void, giveUp = true, wanted: () => boolean = always,
): void {
  const started = sim.now;
  const attempt = (i: number): void => {
    const deadline: Micros = started + ms(resendDeadlineMs(i));
    cloud.call(from, to, handler, deadline - sim.now).addCallback((ev) => {
      const out = ev.value!;
      if (out.ok) done({ ok: true, value: out.value });
      else if (!wanted()) return; // the caller moved on (H2O: RPC.cancel)
      else if (giveUp && !cloud.isHealthy(to, from)) done({ ok: false, error: 'node-lost' });
      else attempt(i + 1);
    });
  };
  attempt(0);
}

function always(): boolean {
  return true;
}
