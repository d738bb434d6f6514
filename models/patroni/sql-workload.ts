import type { Simulation } from '../../src/kernel/simulation.js';
import { sec, type Micros } from '../../src/kernel/time.js';
import { Hooks } from '../client/hooks.js';
import { OutageLog } from '../client/outage-log.js';
import type { SqlClient } from '../client/sql-client.js';
import { startPoissonArrivals } from '../client/workload.js';
import type { PostgresNode, WriteOutcome } from '../postgres/postgres-node.js';
import type { WriteLedger } from '../postgres/write-ledger.js';
import type { SqlWorkloadEvents } from './patroni-events.js';

export interface SqlWorkloadOptions {
  readonly writeRatePerS: number;
  readonly readRatePerS: number;
  /** Arrivals stop here so the last requests finish inside the run. */
  readonly until: Micros;
}

/** The application's clients, and hooks at the points where a request is issued and answered. */
export interface SqlWorkload {
  readonly writer: SqlClient;
  readonly reader: SqlClient;
  /** A write is issued (its id). */
  readonly writeIssued: Hooks<number>;
  /** A write ended after its retries: acknowledged or not, and when it was issued. */
  readonly writeDone: Hooks<boolean, Micros>;
  readonly readIssued: Hooks<number>;
  /** A read ended after its retries: answered or not. */
  readonly readDone: Hooks<boolean>;
}

/** Client outages and recoveries shorter than this are not announced in the trace (flapping). */
const FLAP_US = sec(1);

/**
 * The application host "app": open-loop writes through the writer (each a
 * new row, acknowledged in the ledger when the client is told it committed)
 * and reads through the reader, each retried by its client.
 */
export function startSqlWorkload(sim: Simulation, writer: SqlClient, reader: SqlClient, peers: ReadonlyMap<string, PostgresNode>, ledger: WriteLedger, o: SqlWorkloadOptions): SqlWorkload {
  const w: SqlWorkload = { writer, reader, writeIssued: new Hooks(), writeDone: new Hooks(), readIssued: new Hooks(), readDone: new Hooks() };
  const outage = new OutageLog(sim, 'app', 'writes', FLAP_US);
  startPoissonArrivals(sim, sim.rng('workload/writes'), o.writeRatePerS, o.until, (id) => {
    w.writeIssued.call(id);
    const issued = sim.now;
    sim.process((function* () {
      const r = yield* writer.execute<WriteOutcome>((server) => peers.get(server)!.insert(id), (a) => a === 'ok');
      sim.trace.typed<SqlWorkloadEvents>().emit('app', r.ok ? 'write-ok' : 'write-failed', { id });
      if (r.ok) {
        ledger.acknowledge(id);
        outage.ok();
      } else {
        outage.failed(r.error);
      }
      w.writeDone.call(r.ok, issued);
    })(), 'write');
  });
  startPoissonArrivals(sim, sim.rng('workload/reads'), o.readRatePerS, o.until, (id) => {
    w.readIssued.call(id);
    sim.process((function* () {
      const r = yield* reader.execute((server) => peers.get(server)!.role !== 'down', (a) => a);
      w.readDone.call(r.ok);
    })(), 'read');
  });
  return w;
}
