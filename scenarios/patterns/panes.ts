import { toMs, type PaneData, type SystemView } from '../../src/scenario/index.js';
import { validationSummary } from '../../models/validation/index.js';
import type { PatternsObserved } from './observers/observe.js';
import type { PatternsParams } from './params.js';
import type { PatternsWorld } from './world.js';

type View = SystemView<PatternsWorld, PatternsObserved, PatternsParams>;

const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MiB`;

/** The panes of whichever topology runs, and each breaker's state as last traced. */
export function patternsPanes(v: View): PaneData[] {
  return [...dependencyPanes(v), ...poolPane(v), ...outboxPane(v), ...dataPane(v), ...deployPane(v), ...breakerPane(v)];
}

/** One pane per dependency: its service and its caller's patterns. */
function dependencyPanes(v: View): PaneData[] {
  return v.world.dependencies.map((d) => {
    const s = d.service, c = d.caller, o = v.observed.outcomes.get(d.name)!;
    return {
      title: `${d.name} (${s.life.state}${s.degradation.degraded ? ', degraded' : ''})`,
      rows: [
        ['in flight', `${s.inFlight} (peak ${s.peakInFlight})`],
        ['served / errors / refused', `${s.served} / ${s.errors} / ${s.refused}`],
        ['calls: live / fallback / failed', `${o.live} / ${o.fromCache + o.fromDefault} / ${o.failed}`],
        ['attempts / retries', `${c.attemptsSent} / ${c.retries}`],
        ['rejected: breaker / bulkhead / budget', `${c.breakerRejections} / ${c.bulkheadRejections} / ${c.budgetDenials}`],
        ['latency p99', o.calls === 0 ? '-' : `${toMs(o.latencyPercentile(99)).toFixed(0)} ms`],
        ...(v.params.memoryLimitBytes > 0 ? [['memory', `${mib(s.memoryBytes)} of ${mib(v.params.memoryLimitBytes)} (${s.oomKills} OOM kills)`]] : []),
      ],
    };
  });
}

/** topology=pool: the pool as the seed's Monitoring list watches it, and the database. */
function poolPane(v: View): PaneData[] {
  const path = v.world.pool;
  if (!path) return [];
  const pool = path.pool, db = path.database, o = v.observed.outcomes.get('database');
  return [{
    title: `pool (pre_ping ${pool.prePing ? 'on' : 'off'})`,
    rows: [
      ['checked out / open / cap', `${pool.inUse} / ${pool.size} / ${pool.maxConnections}`],
      ['waiting (peak)', `${pool.waiting} (${pool.peakWaiting})`],
      ['checkout timeouts', String(pool.timeouts)],
      ['dead connections used / reopened', `${pool.queryFailures} / ${pool.reconnects}`],
      [`database (${db.life.state}${db.degradation.degraded ? ', degraded' : ''})`, `${db.inFlight} statements running`],
      ['requests: ok / failed', o ? `${o.live} / ${o.failed}` : '-'],
    ],
  }];
}

/** topology=outbox: the parts' states and what became of the events. */
function outboxPane(v: View): PaneData[] {
  const ob = v.world.outbox, ledger = v.observed.ledger;
  if (!ob || !ledger) return [];
  const l = ledger.summary();
  return [{
    title: `outbox (publish=${v.params.publish})`,
    rows: [
      ['database / broker / relay', `${ob.db.life.state} / ${ob.broker.life.state} / ${ob.relay?.life.state ?? 'none'}`],
      ['unsent rows (peak)', `${ob.db.backlog} (${l.backlogPeak})`],
      ['committed / delivered / lost', `${l.created} / ${l.delivered} / ${l.lost}`],
      ['duplicates / applied twice', `${l.duplicates} / ${l.doubleApplied}`],
    ],
  }];
}

/** topology=data: where invalid writes stopped, and what reconciliation has found. */
function dataPane(v: View): PaneData[] {
  const store = v.world.data?.store;
  if (!store) return [];
  const sum = validationSummary(store, v.sim.now);
  return [{
    title: 'orders table (defence in depth)',
    rows: [
      ['writes / invalid', `${sum.writes} / ${sum.invalidWrites}`],
      ['rejected L1 / L2 / L3', `${sum.rejectedByLayer.L1} / ${sum.rejectedByLayer.L2} / ${sum.rejectedByLayer.L3}`],
      ['corrupt rows: persisted / found / pending', `${sum.persistedCorrupt} / ${sum.detected} / ${sum.pending}`],
    ],
  }];
}

/** topology=deploy: which colour is live, and the last deployment. */
function deployPane(v: View): PaneData[] {
  const dw = v.world.deploy;
  if (!dw) return [];
  const d = dw.app.deployments.at(-1);
  return [{
    title: `blue-green (schema ${dw.app.schema.version})`,
    rows: [
      ['live', `${dw.app.live} (${dw.app.env(dw.app.live).release.name})`],
      ['last deployment', d ? `${d.release.name}: ${d.outcome}` : 'none'],
      ['router: requests / failed', `${dw.app.requests} / ${dw.app.failed}`],
    ],
  }];
}

/** Each breaker's state as last traced (read-only: asking the breaker could move a due timer). */
function breakerPane(v: View): PaneData[] {
  const breakers = v.world.dependencies.filter((d) => d.breaker !== null);
  if (breakers.length === 0) return [];
  const log = v.observed.breakers;
  return [{
    title: `breakers (${v.params.breaker})`,
    columns: ['dependency', 'state', 'opened', 'half-open', 'closed again'],
    rows: breakers.map((d) => {
      const source = `breaker/${d.name}`;
      const last = log.steps.filter((s) => s.source === source).at(-1);
      return [d.name, last?.to ?? 'closed', String(log.count('open', source)), String(log.count('half-open', source)), String(log.count('closed', source))];
    }),
  }];
}
