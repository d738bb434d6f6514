import type { Claim } from '../../src/scenario/scenario.js';
import type { PatroniMetrics } from './metrics.js';
import type { PatroniParams } from './params.js';

type PatroniClaim = Claim<PatroniParams, PatroniMetrics>;

const seconds = (v: number) => (Number.isNaN(v) ? 'n/a' : `${(v / 1000).toFixed(1)} s`);

/** The clients could not write for at most `maxMs` in total. */
export function writeDowntimeAtMost(maxMs: number, source: string): PatroniClaim {
  return {
    name: `write downtime <= ${maxMs / 1000} s`,
    source,
    check: (m) => ({ pass: m.writeDowntimeMs <= maxMs, detail: `measured ${seconds(m.writeDowntimeMs)} of write downtime` }),
  };
}

/** Every write a client was told committed is on the surviving primary. */
export function zeroAckedWritesLost(source: string): PatroniClaim {
  return {
    name: 'zero acknowledged writes lost',
    source,
    check: (m) => ({ pass: m.ackedWritesLost === 0, detail: `${m.ackedWritesLost} of ${m.writesAcked} acknowledged writes missing on the surviving primary` }),
  };
}
