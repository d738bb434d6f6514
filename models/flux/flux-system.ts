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
import { PersistedOrders } from './persisted-orders.js';
import { startStockReinit } from './stock-reinit.js';
import { startFlashSale, type FlashSaleOptions, type SaleOutcome } from './flash-sale.js';
import { LoadBalancer, type HealthCheckOptions } from '../load-balancer/load-balancer.js';
import { stockKey, type Order } from './order.js';
import { Outbox } from './outbox.js';
import { Worker, type WorkerOptions } from './worker.js';
import { wait } from '../../src/kernel/wait.js';

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
  readonly lb: LoadBalancer<ApiInstance>;
  readonly outbox: Outbox | null;
  readonly sale: SaleOutcome;
  /** What the workers' transactions ended with, order by order. */
  readonly persisted: PersistedOrders;
}

export function buildFluxSystem(sim: Simulation, o: FluxOptions): FluxSystem {
  const net = new Network(sim);
  const redis = new RedisServer(sim, net, 'redis', o.redis);
  redis.exec({ op: 'set', key: stockKey(o.productId), value: String(o.initialStock) });
  const broker = new KafkaBroker(sim, net, 'kafka', { partitions: o.kafkaPartitions });
  broker.createTopic('orders', o.kafkaPartitions);
  const db = new OrdersDb(sim, net, 'orders-db', { queryMs: o.dbQueryMs, initialStock: { [o.productId]: o.initialStock } });
  const outbox = o.api.mitigation === 'outbox' ? new Outbox(net, 'orders-db', () => db.up) : null;

  const apiInstances: ApiInstance[] = [];
  for (let i = 0; i < o.apiInstances; i++) {
    const pod = new Pod(sim, net, `api-${i}`, { startupMs: o.apiStartupMs });
    const client = new RedisClient(sim, net, pod.name, redis, { timeoutMs: o.redisTimeoutMs });
    const producer = new KafkaProducer(sim, net, pod.name, broker, `producer-${i}`, o.producer);
    apiInstances.push(new ApiInstance(sim, pod, client, producer, outbox, o.api));
  }
  const lb = new LoadBalancer(sim, apiInstances, { ...o.healthCheck, healthy: (api) => api.pod.serving });

  if (outbox !== null) startOutboxRelay(sim, net, broker, outbox, o.producer);

  const persisted = new PersistedOrders(sim);
  const pools: ConnectionPool[] = [];
  const workers: Worker[] = [];
  for (let i = 0; i < o.workers; i++) {
    const pod = new Pod(sim, net, `worker-${i}`, { startupMs: o.workerStartupMs, memoryLimited: true });
    const pool = new ConnectionPool(sim, `pool-${i}`, { max: o.poolMax, acquireTimeoutMs: o.poolAcquireTimeoutMs });
    pools.push(pool);
    const client = new DbClient(sim, net, pod.name, db, pool, { statementTimeoutMs: o.statementTimeoutMs });
    const worker = new Worker(sim, net, pod, broker, client, o.worker, (order: Order, r: TxResult) => persisted.record(pod.name, order, r));
    worker.start();
    workers.push(worker);
  }

  startStockReinit(sim, redis, db, { mode: o.stockReinit, delayMs: o.reinitDelayMs, productId: o.productId });
  const sale = startFlashSale(sim, lb, o.sale);
  return { redis, broker, db, pools, workers, apiInstances, lb, outbox, sale, persisted };
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
        const r = yield* wait(producer.send('orders', row.order.orderId, JSON.stringify(row.order)));
        if (!r.ok) break;
        outbox.markSent(row.index);
      }
      yield sim.sleep(interval);
    }
  })(), 'outbox-relay');
}
