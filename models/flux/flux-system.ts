import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { KafkaBroker } from '../kafka/broker.js';
import { KafkaProducer, DEFAULT_PRODUCER, type ProducerOptions } from '../kafka/producer.js';
import { Pod } from '../k8s/pod.js';
import { Network } from '../net/network.js';
import { DbClient, type TxResult } from '../orders-db/db-client.js';
import { OrdersDb } from '../orders-db/orders-db.js';
import { ConnectionPool } from '../pool/connection-pool.js';
import { RedisClient } from '../redis/redis-client.js';
import { RedisServer, type RedisOptions } from '../redis/redis-server.js';
import { ApiInstance, type ApiOptions } from './api-instance.js';
import { startFlashSale, type FlashSaleOptions, type SaleOutcome } from './flash-sale.js';
import { LoadBalancer, type HealthCheckOptions } from './load-balancer.js';
import { stockKey, type Order } from './order.js';
import { Outbox } from './outbox.js';
import { Worker, type WorkerOptions } from './worker.js';

/**
 * Flux-Gate as its document draws it: buyers -> load balancer -> API
 * instances -> Redis (rate limit, idempotency, stock) -> Kafka "orders" ->
 * workers -> PostgreSQL (orders, products) through a connection pool.
 * Hosts: api-0.., redis, kafka, worker-0.., orders-db, relay.
 */
export interface FluxOptions {
  readonly productId: string;
  readonly initialStock: number;
  readonly apiInstances: number;
  readonly api: ApiOptions;
  readonly apiStartupMs: number;
  readonly healthCheck: HealthCheckOptions;
  readonly redis: RedisOptions;
  readonly redisTimeoutMs: number;
  /** What the operator does after Redis comes back: nothing, or SET stock from the database. */
  readonly stockReinit: 'none' | 'from-db';
  readonly reinitDelayMs: number;
  readonly kafkaPartitions: number;
  readonly producer: ProducerOptions;
  readonly workers: number;
  readonly worker: WorkerOptions;
  readonly workerStartupMs: number;
  readonly dbQueryMs: number;
  readonly poolMax: number;
  readonly poolAcquireTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly sale: FlashSaleOptions;
}

export interface FluxSystem {
  readonly redis: RedisServer;
  readonly broker: KafkaBroker;
  readonly db: OrdersDb;
  readonly pools: readonly ConnectionPool[];
  readonly workers: readonly Worker[];
  readonly apiInstances: readonly ApiInstance[];
  readonly lb: LoadBalancer;
  readonly outbox: Outbox | null;
  readonly sale: SaleOutcome;
  /** Orders whose stock was decremented in Redis, and those that then failed to reach Kafka. */
  readonly decremented: Set<string>;
  readonly failedAfterDecrement: Set<string>;
  /** Each order's last database outcome: inserted, duplicate or sold-out. */
  readonly persistedResults: Map<string, string>;
  readonly soldOutInDb: Set<string>;
  peakLag: number;
  redisStock(): number;
}

export function buildFluxSystem(sim: Simulation, o: FluxOptions): FluxSystem {
  const net = new Network(sim);
  const redis = new RedisServer(sim, net, 'redis', o.redis);
  redis.exec({ op: 'set', key: stockKey(o.productId), value: String(o.initialStock) });
  const broker = new KafkaBroker(sim, net, 'kafka', { partitions: o.kafkaPartitions });
  broker.createTopic('orders', o.kafkaPartitions);
  const db = new OrdersDb(sim, net, 'orders-db', { queryMs: o.dbQueryMs, initialStock: { [o.productId]: o.initialStock } });
  const outbox = o.api.mitigation === 'outbox' ? new Outbox(net, 'orders-db', () => db.up) : null;

  const decremented = new Set<string>();
  const failedAfterDecrement = new Set<string>();
  const persistedResults = new Map<string, string>();
  const soldOutInDb = new Set<string>();

  const instances: ApiInstance[] = [];
  for (let i = 0; i < o.apiInstances; i++) {
    const pod = new Pod(sim, net, `api-${i}`, { startupMs: o.apiStartupMs });
    const client = new RedisClient(sim, net, pod.name, redis, { timeoutMs: o.redisTimeoutMs });
    const producer = new KafkaProducer(sim, net, pod.name, broker, `producer-${i}`, o.producer);
    instances.push(new ApiInstance(sim, pod, client, producer, outbox, o.api, (order) => decremented.add(order.orderId)));
  }
  const lb = new LoadBalancer(sim, instances, o.healthCheck);

  if (outbox !== null) startOutboxRelay(sim, net, broker, outbox, o.producer);

  const pools: ConnectionPool[] = [];
  const workers: Worker[] = [];
  for (let i = 0; i < o.workers; i++) {
    const pod = new Pod(sim, net, `worker-${i}`, { startupMs: o.workerStartupMs });
    const pool = new ConnectionPool(sim, `pool-${i}`, { max: o.poolMax, acquireTimeoutMs: o.poolAcquireTimeoutMs });
    pools.push(pool);
    const client = new DbClient(sim, net, pod.name, db, pool, { statementTimeoutMs: o.statementTimeoutMs });
    const worker = new Worker(sim, net, pod, broker, client, o.worker, (order: Order, r: TxResult) => {
      if (!r.ok) return;
      persistedResults.set(order.orderId, r.outcome);
      if (r.outcome === 'sold-out' && !soldOutInDb.has(order.orderId)) {
        soldOutInDb.add(order.orderId);
        sim.trace.emit(pod.name, 'sold-out-in-db', { order: order.orderId });
      }
    });
    worker.start();
    workers.push(worker);
  }

  redis.onRestart(() => {
    if (o.stockReinit !== 'from-db') return;
    sim.schedule(ms(o.reinitDelayMs), () => {
      if (!redis.up || !db.up) return;
      const stock = db.stock(o.productId);
      redis.exec({ op: 'set', key: stockKey(o.productId), value: String(stock) });
      sim.trace.emit('operator', 'stock-reinit', { stock });
    });
  });

  const sale = startFlashSale(sim, lb, o.sale, (order, reply) => {
    if (reply.status === 500 && reply.reason?.startsWith('kafka:')) failedAfterDecrement.add(order.orderId);
    if (reply.status === 200 && reply.body === 'accepted') failedAfterDecrement.delete(order.orderId);
  });

  const system: FluxSystem = {
    redis, broker, db, pools, workers, apiInstances: instances, lb, outbox, sale, decremented, failedAfterDecrement, persistedResults, soldOutInDb,
    peakLag: 0,
    // A peek, not a GET: metrics are read mid-run by the TUI and must not touch the LRU clock or evict.
    redisStock: () => {
      const value = redis.peekValue(stockKey(o.productId));
      return value === null ? NaN : Number(value);
    },
  };
  const sampleLag = () => {
    system.peakLag = Math.max(system.peakLag, broker.lag('workers', 'orders'));
    sim.schedule(ms(500), sampleLag);
  };
  sim.schedule(ms(500), sampleLag);
  return system;
}

/** The outbox relay: publishes unsent rows in order, marking each sent once Kafka acknowledged it. */
function startOutboxRelay(sim: Simulation, net: Network, broker: KafkaBroker, outbox: Outbox, producerOptions: ProducerOptions): void {
  const producer = new KafkaProducer(sim, net, 'relay', broker, 'relay', { ...DEFAULT_PRODUCER, ...producerOptions, idempotent: true });
  net.addHost('relay');
  const interval: Micros = ms(100);
  sim.process((function* () {
    for (;;) {
      const batch = outbox.unsent(100);
      for (const row of batch) {
        const r = (yield producer.send('orders', row.order.orderId, JSON.stringify(row.order))) as { ok: boolean };
        if (!r.ok) break;
        outbox.markSent(row.index);
      }
      yield sim.sleep(interval);
    }
  })(), 'outbox-relay');
}
