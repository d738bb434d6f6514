import type { FaultKind, FaultSpace } from '../../src/scenario/fault-space.js';
import type { FirewallParams } from './params.js';

const lasting = (name: string, target: string, kind: string, params: Record<string, number>): FaultKind => ({
  name, targets: [target], severities: [10_000, 30_000, 60_000],
  expand: (t, healAfterMs, at) => [{ at, target: t, kind, params: { ...params, healAfterMs } }],
});

/**
 * What can go wrong while the firewall serves: the database crashes or
 * slows past the query timeout, the external API hangs, a pod dies or is
 * cut off by a policy, the verifier's clock drifts. Each ends by itself
 * (its severity), early enough that recovery is judged within the run.
 */
export const firewallFaultSpace: FaultSpace<FirewallParams> = {
  window: (p) => ({ fromMs: p.faultAtMs, toMs: Math.max(p.faultAtMs, p.durationMs - 60_000 - 150_000) }),
  maxFaults: 3,
  kinds: () => [
    { name: 'database crash', targets: ['db'], severities: [5_000, 30_000, 90_000], expand: (t, restartAfterMs, at) => [{ at, target: t, kind: 'crash', params: { restartAfterMs } }] },
    lasting('slow queries', 'db', 'latency-spike', { addMs: 35_000 }),
    lasting('external API hangs', 'external-api', 'latency-spike', { addMs: 60_000 }),
    lasting('external API refuses', 'external-api', 'refuse', {}),
    { name: 'pod crash', targets: ['api-1-1', 'api-1-2'], severities: [0], expand: (t, _s, at) => [{ at, target: t, kind: 'crash' }] },
    { name: 'pod isolated', targets: ['api-1-1'], severities: [10_000, 60_000], expand: (t, forMs, at) => [{ at, target: 'netpol', kind: 'isolate', params: { pod: t } }, { at: at + forMs, target: 'netpol', kind: 'restore' }] },
    { name: 'verifier clock skew', targets: ['auth'], severities: [30_000], expand: (t, offsetMs, at) => [{ at, target: t, kind: 'clock-skew', params: { offsetMs } }, { at: at + 60_000, target: t, kind: 'clock-skew', params: { offsetMs: 0 } }] },
  ],
};
