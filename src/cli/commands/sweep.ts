import { IdentityCheck } from '../../records/identity.js';
import { parseRecordLine, readRecords } from '../../sweep/record-file.js';
import { RecordStore } from '../../sweep/record-store.js';
import { RecordWriter } from '../../sweep/record-writer.js';
import type { RunRecord } from '../../records/run-record.js';
import { shellQuote } from '../../report/format.js';
import { BadInput } from '../../scenario/settings.js';
import { UsageError, describeFsError, isBadInput } from '../../io/errors.js';
import { outputFile } from '../../io/output-file.js';
import { isCutRecordOf } from '../../sweep/cut-record.js';
import { SWEEP_HELP } from '../help.js';
import { checkMetricNames, declaredMetrics } from '../metric-filter.js';
import { printSummary } from '../print-summary.js';
import type { Io } from '../output.js';
import { parseSweepArgs, type Shard, type SweepArgs } from '../sweep-args.js';
import { startPool } from '../sweep-runner.js';

/**
 * `sim sweep <scenario> --runs N`: runs seeds seedFor(S, 0..N-1) on worker
 * threads and prints the summary. Every input (and a --resume file, whole)
 * is checked before the first run and before --out is created.
 *
 * With --out or --resume, each finished run goes to the file at once and is
 * not kept in memory; the summary is then made from the file, read back,
 * so it is exactly what `sim merge` of that file prints.
 */
export async function sweepCommand(argv: readonly string[], io: Io, cwd: string): Promise<number> {
  const args = parseSweepArgs(argv, io.env);
  if (args.help) { io.out(SWEEP_HELP); return 0; }
  const out = args.out === undefined ? undefined : outputFile('--out', args.out, cwd, args.force, `, or continue that sweep with --resume ${args.out}`);
  if (args.resume !== undefined) RecordWriter.preflightResume(args.resume);
  const pool = await startPool(io, {
    label: 'sweep',
    variants: [{ ref: args.scenario, sets: args.sets }],
    baseSeed: args.seed,
    cwd,
    workers: args.workers,
    maxTasks: runsInShard(args.runs, args.shard),
    color: args.color,
  });
  const info = pool.info[0]!;
  try {
    checkMetricNames(args.metrics, declaredMetrics(info.metricInfo), info.id);
  } catch (e) {
    await pool.close();
    throw e;
  }
  const check = new IdentityCheck({ scenario: info.id, params: info.params, baseSeed: args.seed });
  const file = args.resume ?? args.out;
  const store = new RecordStore();

  let writer: RecordWriter | undefined;
  const held = new Uint8Array(args.runs);
  try {
    if (args.resume !== undefined) {
      const read = readSweepFile(args.resume, args, check, held);
      // A cut-off last line is dropped only if it is the start of one of this sweep's records: never a line of some other file.
      if (read.dropped && !isCutRecordOf(info.id, read.dropped.text)) throw new BadInput(`--resume "${args.resume}": line ${read.dropped.lineNo}: ${read.dropped.reason}; not a run file of this sweep (${info.id}), left as it was`);
      // A last line that parses as a record is whole, newline or not (no prefix of a record is a JSON object): it must be one of this sweep's.
      const whole = read.dropped && parseRecordLine(read.dropped.text);
      if (read.dropped && whole && typeof whole !== 'string') check.check(whole, `--resume "${args.resume}" line ${read.dropped.lineNo}`);
      writer = RecordWriter.resume(args.resume, read.validBytes);
      if (read.dropped) io.err(`sim: "${args.resume}" line ${read.dropped.lineNo} was cut off (${read.dropped.reason}): dropped, its run is done again\n`);
    } else if (out !== undefined) {
      writer = RecordWriter.create(out);
    }
  } catch (e) {
    await pool.close();
    throw e;
  }

  const tasks: number[] = [];
  for (let i = 0; i < args.runs; i++) if (inShard(i, args.shard) && held[i] === 0) tasks.push(0, i);
  try {
    const outcome = await pool.run(tasks, (_variant, index, line) => {
      if (writer) writer.write(line);
      else store.add(check.own(JSON.parse(line) as RunRecord, `run ${index}`));
    });
    if (outcome.status === 'interrupted') {
      io.err(interruptedMessage(args, outcome.finished, tasks.length / 2, outcome.signal));
      return outcome.exitCode;
    }
  } catch (e) {
    // Bad input found mid-sweep (the user's scenario threw in some run): no run record of it is left behind.
    if (isBadInput(e)) writer?.discard();
    throw e;
  } finally {
    writer?.close();
  }

  // The summary of a file-backed sweep comes from the file: every run it holds, checked again.
  if (file !== undefined) readSweepFile(file, args, check, new Uint8Array(args.runs), store);
  if (store.size === 0) {
    io.err(`sim: no runs in ${args.shard ? `shard ${args.shard.index}/${args.shard.count}` : 'this sweep'} (--runs ${args.runs})\n`);
    return 0;
  }
  return printSummary(io, store.sorted(), { scenario: info.id, ref: args.scenario, defaults: info.defaults, metricInfo: info.metricInfo, metrics: args.metrics, incidentsPerYear: args.incidentsPerYear, json: args.json, color: args.color });
}

/** How many of runs 0..runs-1 a shard holds. */
function runsInShard(runs: number, shard: Shard | undefined): number {
  if (shard === undefined) return runs;
  return shard.index < runs ? Math.floor((runs - 1 - shard.index) / shard.count) + 1 : 0;
}

function inShard(index: number, shard: Shard | undefined): boolean {
  return shard === undefined || index % shard.count === shard.index;
}

/**
 * Reads a sweep file, checking every record against this sweep; marks the
 * runs it holds in `held` and, if given, keeps the records in `store`.
 */
function readSweepFile(file: string, args: SweepArgs, check: IdentityCheck, held: Uint8Array, store?: RecordStore) {
  const what = file === args.resume ? '--resume' : '--out';
  try {
    return readRecords(file, { dropTruncatedLast: true, what }, (r, lineNo) => {
      const where = `${what} "${file}" line ${lineNo}`;
      const rec = check.check(r, where);
      if (rec.index >= args.runs) throw new BadInput(`${where}: run ${rec.index} is past --runs ${args.runs} (give the sweep's own --runs, or more)`);
      if (!inShard(rec.index, args.shard)) {
        throw new BadInput(`${where}: run ${rec.index} is not in ${args.shard ? `shard ${args.shard.index}/${args.shard.count}` : 'this sweep'} (resume a shard with its own --shard)`);
      }
      if (held[rec.index] !== 0) throw new BadInput(`${where}: run ${rec.index} is in the file twice`);
      held[rec.index] = 1;
      store?.add(rec);
    });
  } catch (e) {
    if ((e as { code?: unknown }).code !== undefined && !(e instanceof BadInput)) throw new UsageError(`${what} "${file}": ${describeFsError(e)}`);
    throw e;
  }
}

function interruptedMessage(args: SweepArgs, finished: number, todo: number, signal: string): string {
  const file = args.resume ?? args.out;
  const words = ['sim', 'sweep', args.scenario, '--runs', String(args.runs), '--seed', String(args.seed)];
  for (const s of args.sets) words.push('--set', s);
  if (args.shard) words.push('--shard', `${args.shard.index}/${args.shard.count}`);
  if (file === undefined) return `sim: ${signal}: stopped after ${finished} of ${todo} runs (without --out FILE nothing is kept)\n`;
  return `sim: ${signal}: stopped after ${finished} of ${todo} runs; every finished run is in "${file}". Continue with: ${words.map(shellQuote).join(' ')} --resume ${shellQuote(file)}\n`;
}
