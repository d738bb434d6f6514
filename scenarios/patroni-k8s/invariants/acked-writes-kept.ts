import { US_PER_MS, formatTime, isFaultRecord } from '../../../src/scenario/index.js';
import type { Invariant } from '../../../src/scenario/invariant.js';
import { WriteLedger } from '../../../models/postgres/write-ledger.js';
import { firstFew } from '../../invariants/first-few.js';
import type { PatroniParams } from '../params.js';
import type { PatroniK8sRecord } from '../records.js';
import type { PatroniView } from '../view.js';

/**
 * No acknowledged write lost: every write a client was told committed is in
 * the surviving primary's WAL at the end of the run. Acknowledgement times
 * come from the trace ("write-ok"), so a violation says when the first lost
 * write was acknowledged, which is where its story starts.
 */
export const ackedWritesKept: Invariant<PatroniParams, PatroniView, PatroniK8sRecord> = {
  name: 'no acknowledged write lost',
  kind: 'always',
  source: 'Impact Assessment: Data Loss Zero (synchronous commit)',
  watch({ world: c }) {
    // By write id (small integers from 0): when its acknowledgement was traced.
    const ackedAt: number[] = [];
    return {
      record(rec: PatroniK8sRecord) {
        if (!isFaultRecord(rec) && rec.kind === 'write-ok' && rec.source === 'app') ackedAt[rec.data.id] = rec.t;
      },
      verdict() {
        const audit = c.ledger.audit(WriteLedger.survivor(c.nodes));
        if (audit.lost === 0) return { pass: true, detail: `all ${c.ledger.acknowledgedCount} acknowledged writes are on the surviving primary` };
        const first = Math.min(...audit.lostIds.map((id) => ackedAt[id] ?? Infinity));
        const when = Number.isFinite(first) ? { atMs: first / US_PER_MS } : {};
        return {
          pass: false,
          detail: `${audit.lost} of ${c.ledger.acknowledgedCount} acknowledged writes missing on the surviving primary (ids ${firstFew(audit.lostIds, 5)}${Number.isFinite(first) ? `; the first acknowledged at ${formatTime(first)}` : ''})`,
          ...when,
        };
      },
    };
  },
};
