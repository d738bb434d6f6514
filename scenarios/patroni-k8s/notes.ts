import type { PatroniParams } from './params.js';
import { patroniTimeouts } from './timeouts.js';

/** Remarks on the configuration: Patroni's own timeout adjustments, and what the seed's timeline cannot do with it. */
export function patroniNotes(p: PatroniParams): string[] {
  const { warnings, effective: t } = patroniTimeouts(p);
  const out = warnings.map((w) => `Patroni >= 3.2 adjusts its timeouts: ${w}`);
  out.push(`effective Patroni timing: ttl ${t.ttlS} s, loop_wait ${t.loopWaitS} s, retry_timeout ${t.retryTimeoutS} s`);
  // The seed's timeline gives Detection 0-10 s. Its claims are the Impact
  // Assessment's (the scenario's claims); the phase is measured (detectionMs) and
  // the mechanism bounds it: the key was renewed at most loop_wait before the crash.
  const earliestS = t.ttlS - t.loopWaitS;
  if (earliestS > 10) out.push(`the seed's Detection phase (0-10 s) cannot hold: a crashed primary's leader key lives ${earliestS}-${t.ttlS} s after the crash (ttl ${t.ttlS} s, last renewed at most loop_wait ${t.loopWaitS} s before)`);
  if (p.livenessProbe === 'tcp') out.push('a TCP liveness probe passes while the process is frozen: only crashes are restarted by it');
  return out;
}
