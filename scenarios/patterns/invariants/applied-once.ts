import type { Invariant } from '../../../src/scenario/invariant.js';
import type { PatternsParams } from '../params.js';
import type { PatternsView } from '../view.js';

/** The writes stop this long before the end of the run (outbox-world.ts). */
const WRITES_STOP_BEFORE_END_MS = 60_000;

/**
 * Seed 001's outbox promise, end to end: once the faults are over and the
 * writes have stopped, every event whose data committed has been applied
 * by the consumer exactly once: none lost (at-least-once), none applied
 * twice (the idempotent consumer). Judged 40 s after both, time for the
 * relay to drain a backlog. Other topologies have no events: it holds.
 */
export const appliedOnce: Invariant<PatternsParams, PatternsView> = {
  name: 'every committed event is applied exactly once',
  kind: 'eventually',
  source: 'seed 001, Message Loss: at-least-once delivery, idempotent consumer',
  withinMs: () => 40_000,
  settleFromMs: (p) => Math.max(0, p.durationMs - WRITES_STOP_BEFORE_END_MS),
  watch({ observed }) {
    return {
      verdict() {
        const ledger = observed.ledger;
        if (ledger === null) return { pass: true, detail: 'no events in this topology' };
        const wrong = ledger.notExactlyOnce();
        if (wrong.length === 0) return { pass: true, detail: `all ${ledger.created} committed events applied once` };
        const lost = wrong.filter(([, n]) => n === 0).length;
        return { pass: false, detail: `${wrong.length} of ${ledger.created} events not applied exactly once: ${lost} never, ${wrong.length - lost} more than once (first: event ${wrong[0]![0]}, ${wrong[0]![1]} times)` };
      },
    };
  },
};
