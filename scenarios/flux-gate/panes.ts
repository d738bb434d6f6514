import type { PaneData, SeriesValue } from '../../src/scenario/inspect.js';
import type { FluxSystem } from '../../models/flux/flux-system.js';
import { stockKey } from '../../models/flux/order.js';
import { PRODUCT_ID as PRODUCT } from './product.js';

const TOPIC = 'orders';
const GROUP = 'workers';

const upDown = (up: boolean) => (up ? 'up' : 'DOWN');
const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;

/** Flux-Gate's component panes: Redis, Kafka partitions, workers, PostgreSQL, API instances, buyers. */
export function fluxPanes(s: FluxSystem): PaneData[] {
  const { redis, broker, db, sale } = s;
  const max = redis.options.maxmemoryBytes;
  const partitions = Array.from({ length: broker.partitionsOf(TOPIC) }, (_, p) => {
    const end = broker.logEndOffset(TOPIC, p);
    const committed = broker.committed(GROUP, TOPIC, p);
    return [String(p), String(end), committed === null ? '-' : String(committed), String(end - (committed ?? 0))];
  });
  return [
    {
      title: 'Redis',
      rows: [
        ['state', upDown(redis.up)],
        ['stock', redis.peekValue(stockKey(PRODUCT)) ?? '-'],
        ['memory', max > 0 ? `${mb(redis.usedMemoryBytes)} of ${mb(max)} (${redis.options.maxmemoryPolicy})` : `${mb(redis.usedMemoryBytes)} (no maxmemory)`],
        ['OOM rejections', String(redis.stats.oomRejections)],
      ],
    },
    {
      title: `Kafka ${TOPIC} (${upDown(broker.up)}, group gen ${broker.groupGeneration(GROUP)}, ${broker.groupMembers(GROUP).length} members)`,
      columns: ['part', 'end', 'committed', 'lag'],
      rows: partitions,
    },
    {
      title: 'workers',
      columns: ['worker', 'pod', 'done', 'pool', 'wait', 'timeouts'],
      rows: s.workers.map((w, i) => {
        const pool = s.pools[i]!;
        return [w.pod.name, w.pod.state, String(w.processed), `${pool.inUse}/${pool.max}`, String(pool.waiting), String(pool.timeouts)];
      }),
    },
    {
      title: 'PostgreSQL',
      rows: [
        ['state', upDown(db.up)],
        ['stock', String(db.stock(PRODUCT))],
        ['orders', String(db.orderCount())],
        ['open transactions', String(db.openTransactions)],
      ],
    },
    {
      title: 'API instances',
      columns: ['instance', 'pod', 'LB'],
      rows: s.apiInstances.map((a) => [a.name, a.pod.state, s.lb.isHealthy(a.name) ? 'in rotation' : 'out']),
    },
    {
      title: 'buyers',
      rows: [
        ['requests', `${sale.attempts} (${sale.errorAttempts} errors)`],
        ['accepted', String(sale.accepted.size)],
        ['sold out / gave up', `${sale.soldOut.size} / ${sale.failed.size}`],
      ],
    },
  ];
}

/** Flux-Gate's charts: buyer error rate, consumer lag, orders persisted per second, Redis memory. */
export function fluxSeries(s: FluxSystem): SeriesValue[] {
  return [
    { key: 'errorRate', label: 'buyer errors', unit: '%', mode: 'ratio', value: s.sale.errorAttempts, of: s.sale.attempts },
    { key: 'lag', label: 'consumer lag', unit: 'msgs', value: s.broker.lag(GROUP, TOPIC) },
    { key: 'persisted', label: 'orders persisted', unit: '/s', mode: 'rate', value: s.db.orderCount() },
    { key: 'redisMemory', label: 'Redis memory', unit: 'MB', value: s.redis.usedMemoryBytes / 1e6 },
  ];
}
