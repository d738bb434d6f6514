import type { Simulation } from '../../src/kernel/simulation.js';
import { sec, type Micros } from '../../src/kernel/time.js';
import { Hooks } from '../client/hooks.js';
import { OutageLog } from '../client/outage-log.js';
import type { SqlClient, SqlQuery } from '../client/sql-client.js';
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
  const trace = sim.trace.typed<SqlWorkloadEvents>();
  const insert: SqlQuery<WriteOutcome> = {
    run: (server, id, responder) => peers.get(server)!.insert(id, responder),
    accept: (answer) => answer === 'ok',
    done: (id, issuedAt, ok, error) => {
      trace.emit('app', ok ? 'write-ok' : 'write-failed', { id });
      if (ok) {
        ledger.acknowledge(id);
        outage.ok();
      } else {
        outage.failed(error);
      }
      w.writeDone.call(ok, issuedAt);
    },
  };
  const select: SqlQuery<boolean> = {
    run: (server, _id, responder) => responder.respond(peers.get(server)!.role !== 'down'),
    answerAt: (server, _id, t) => peers.get(server)!.roleAt(t) !== 'down',
    accept: (answer) => answer,
    done: (_id, _issuedAt, ok) => w.readDone.call(ok),
  };
  startPoissonArrivals(sim, sim.rng('workload/writes'), o.writeRatePerS, o.until, (id) => {
    w.writeIssued.call(id);
    writer.execute(insert, id);
  });
  startPoissonArrivals(sim, sim.rng('workload/reads'), o.readRatePerS, o.until, (id) => {
    w.readIssued.call(id);
    reader.execute(select, id);
  });
  return w;
}
