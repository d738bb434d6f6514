/**
 * The transactional outbox of seed 001's "Message Loss" (seeds/001_c2d78e65abd78ba3.txt,
 * section 2: the Outbox diagram and its Key Properties) as parts any system
 * can wire: database, broker, relay, producer (direct or outbox), idempotent
 * consumer and a ledger that measures them. models/flux/outbox.ts is
 * Flux-Gate's own outbox on its network and orders; this one stands alone.
 */
export { OutboxDatabase, DEFAULT_OUTBOX_DATABASE, type OutboxDatabaseOptions, type OutboxRow, type TxError } from './database.js';
export { MessageBroker, DEFAULT_MESSAGE_BROKER, type MessageBrokerOptions, type PublishError } from './broker.js';
export { MessageLoss, LOSS_FAULTS, type LossKind, type LossVerdict } from './message-loss.js';
export { OutboxRelay, DEFAULT_OUTBOX_RELAY, type OutboxRelayOptions } from './outbox-relay.js';
export { EventProducer, type EventProducerOptions, type PublishMode } from './producer.js';
export { IdempotentConsumer, DEFAULT_IDEMPOTENT_CONSUMER, type IdempotentConsumerOptions } from './idempotent-consumer.js';
export { DeliveryLedger, type OutboxSummary } from './delivery-ledger.js';
export { type OutboxMessage } from './message.js';
export { type OutboxEvents, type OutboxRecord } from './outbox-events.js';
