import type { FaultSpec } from '../../src/scenario/index.js';
import { atLeastOnce, idempotentAbsorbsDuplicates } from './claims.js';
import type { PatternsParams } from './params.js';
import { outboxFaultSpace } from './fault-space.js';
import { patterns } from './system.js';

/**
 * The broker drops half its messages for 20 s, then is down 10 s; Service A
 * (and the relay that runs in it) crashes 1 ms after a poll: the batch has
 * reached the broker and its acks are still on their way back, so its rows
 * stay unsent (the relay polls every second from the start; publish and ack
 * take 1 ms each way). A crash after the acks changes nothing: the
 * mark-sent updates are autocommit statements the database has already.
 */
function messageLossFaults(p: PatternsParams): FaultSpec[] {
  const crashAt = p.faultAtMs + 50_001;
  const crashes: FaultSpec[] = [{ at: crashAt, target: 'service-a', kind: 'crash', params: { restartAfterMs: 2_000 } }];
  if (p.publish === 'outbox') crashes.push({ at: crashAt, target: 'relay', kind: 'crash', params: { restartAfterMs: 2_000 } });
  return [
    { at: p.faultAtMs, target: 'broker', kind: p.brokerLoss === 'acked' ? 'lose' : 'lose-unacked', params: { rate: 0.5, healAfterMs: 20_000 } },
    { at: p.faultAtMs + 30_000, target: 'broker', kind: 'crash', params: { restartAfterMs: 10_000 } },
    ...crashes,
  ];
}

export const patternsMessageLoss = patterns.scenario({
  id: 'patterns-message-loss',
  title: 'Patterns: the message broker drops messages',
  source: '2. Data Failures / Message Loss',
  description: 'Service A commits 20 writes a second, each with an event. The broker drops half its messages (before acknowledging them) for 20 s, is down for 10 s, and Service A crashes with a published batch not yet marked sent. With the outbox every event is delivered, that batch twice; with a direct publish after the commit, events are lost.',
  defaults: { topology: 'outbox', ratePerS: 20, durationMs: 180_000 },
  faults: messageLossFaults,
  claims: [atLeastOnce, idempotentAbsorbsDuplicates],
  faultSpace: outboxFaultSpace,
});
export default patternsMessageLoss;
