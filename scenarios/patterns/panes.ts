import { toMs, type PaneData, type SystemView } from '../../src/scenario/index.js';
import type { PatternsObserved } from './observers/observe.js';
import type { PatternsParams } from './params.js';
import type { PatternsWorld } from './world.js';

type View = SystemView<PatternsWorld, PatternsObserved, PatternsParams>;

const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MiB`;

/** One pane per dependency (its service and its caller's patterns) and one for the breakers' state, as last traced. */
export function patternsPanes(v: View): PaneData[] {
  const panes: PaneData[] = v.world.dependencies.map((d) => {
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
  const path = v.world.pool;
  if (path) {
    const pool = path.pool, db = path.database, o = v.observed.outcomes.get('database');
    panes.push({
      title: `pool (pre_ping ${pool.prePing ? 'on' : 'off'})`,
      rows: [
        ['checked out / open / cap', `${pool.inUse} / ${pool.size} / ${pool.maxConnections}`],
        ['waiting (peak)', `${pool.waiting} (${pool.peakWaiting})`],
        ['checkout timeouts', String(pool.timeouts)],
        ['dead connections used / reopened', `${pool.queryFailures} / ${pool.reconnects}`],
        [`database (${db.life.state}${db.degradation.degraded ? ', degraded' : ''})`, `${db.inFlight} statements running`],
        ['requests: ok / failed', o ? `${o.live} / ${o.failed}` : '-'],
      ],
    });
  }
  const ob = v.world.outbox, ledger = v.observed.ledger;
  if (ob && ledger) {
    const l = ledger.summary();
    panes.push({
      title: `outbox (publish=${v.params.publish})`,
      rows: [
        ['database / broker / relay', `${ob.db.life.state} / ${ob.broker.life.state} / ${ob.relay?.life.state ?? 'none'}`],
        ['unsent rows (peak)', `${ob.db.backlog} (${l.backlogPeak})`],
        ['committed / delivered / lost', `${l.created} / ${l.delivered} / ${l.lost}`],
        ['duplicates / applied twice', `${l.duplicates} / ${l.doubleApplied}`],
      ],
    });
  }
  const dw = v.world.deploy;
  if (dw) {
    const d = dw.app.deployments.at(-1);
    panes.push({
      title: `blue-green (schema ${dw.app.schema.version})`,
      rows: [
        ['live', `${dw.app.live} (${dw.app.env(dw.app.live).release.name})`],
        ['last deployment', d ? `${d.release.name}: ${d.outcome}` : 'none'],
        ['router: requests / failed', `${dw.app.requests} / ${dw.app.failed}`],
      ],
    });
  }
  const breakers = v.world.dependencies.filter((d) => d.breaker !== null);
  if (breakers.length > 0) {
    const log = v.observed.breakers;
    panes.push({
      title: `breakers (${v.params.breaker})`,
      columns: ['dependency', 'state', 'opened', 'half-open', 'closed again'],
      rows: breakers.map((d) => {
        const source = `breaker/${d.name}`;
        const last = log.steps.filter((s) => s.source === source).at(-1);
        return [d.name, last?.to ?? 'closed', String(log.count('open', source)), String(log.count('half-open', source)), String(log.count('closed', source))];
      }),
    });
  }
  return panes;
}
