import { ms, type Simulation } from '../../src/scenario/index.js';
import { startPoissonArrivals } from '../../models/client/workload.js';
import { EventProducer, IdempotentConsumer, MessageBroker, OutboxDatabase, OutboxRelay } from '../../models/outbox/index.js';
import type { PatternsParams } from './params.js';

export interface OutboxWorld {
  readonly db: OutboxDatabase;
  readonly broker: MessageBroker;
  readonly relay: OutboxRelay | null;
  readonly consumer: IdempotentConsumer;
  readonly producer: EventProducer;
}

/**
 * Seed 001's Message Loss: Service A writes data and an event; with
 * publish=direct it publishes after its commit (a dual write), with
 * publish=outbox the event row commits with the data and a relay polls the
 * outbox (1 s, batches of 100) and marks rows sent once the broker acked
 * them. A consumer applies each event, idempotently or not.
 */
export function buildOutboxWorld(sim: Simulation, p: PatternsParams): OutboxWorld {
  const db = new OutboxDatabase(sim, 'orders-db', { commitMs: 2 });
  const broker = new MessageBroker(sim, 'broker', { latencyMs: 1, deliveryMs: 1, timeoutMs: 5_000 });
  // Only the outbox mode has a relay: in direct mode nothing reads the outbox table.
  const relay = p.publish === 'outbox' ? new OutboxRelay(sim, 'relay', db, broker, { pollIntervalMs: 1_000, batchSize: 100 }) : null;
  const consumer = new IdempotentConsumer(sim, 'consumer', broker, { idempotent: p.idempotentConsumer === 'on' });
  const producer = new EventProducer(sim, 'service-a', db, broker, { publish: p.publish });
  startPoissonArrivals(sim, sim.rng('patterns/writes'), p.ratePerS, ms(Math.max(0, p.durationMs - 60_000)), () => producer.write());
  return { db, broker, relay, consumer, producer };
}
