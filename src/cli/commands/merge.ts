import { resolve } from 'node:path';
import { IdentityCheck, identityOf } from '../../records/identity.js';
import { readRecords } from '../../sweep/record-file.js';
import { RecordStore } from '../../sweep/record-store.js';
import { BadInput } from '../../scenario/settings.js';
import { UsageError, describeFsError } from '../../io/errors.js';
import { MERGE_HELP } from '../help.js';
import { printSummary } from '../print-summary.js';
import { CATALOGUE } from '../../io/catalogue.js';
import { defaultParams, loadScenario, type LoadedScenario } from '../../io/load-scenario.js';
import type { Io } from '../output.js';
import { parseMergeArgs } from '../sweep-args.js';

/**
 * `sim merge FILE...`: the summary of a sweep split into shards. The files
 * must hold one sweep (scenario, parameters, base seed), no run twice and,
 * unless --allow-missing, no run missing; the summary is then exactly the
 * one the unsplit sweep prints.
 */
export async function mergeCommand(argv: readonly string[], io: Io, cwd: string): Promise<number> {
  const args = parseMergeArgs(argv);
  if (args.help) { io.out(MERGE_HELP); return 0; }
  const seen = new Set<string>();
  for (const f of args.files) {
    const abs = resolve(cwd, f);
    if (seen.has(abs)) throw new UsageError(`merge: "${f}" is given twice`);
    seen.add(abs);
  }
  const store = new RecordStore();
  const fileOf = new Map<number, number>();
  let check: IdentityCheck | undefined;
  args.files.forEach((file, f) => {
    try {
      readRecords(file, { dropTruncatedLast: false, what: 'merge' }, (r, lineNo) => {
        const where = `"${file}" line ${lineNo}`;
        check ??= new IdentityCheck(identityOf(r), where);
        const rec = check.check(r, where);
        const other = fileOf.get(rec.index);
        if (other !== undefined) {
          throw new BadInput(`${where}: run ${rec.index} is also in ${other === f ? 'an earlier line of this file' : `"${args.files[other]}"`} (overlapping shards?)`);
        }
        fileOf.set(rec.index, f);
        store.add(rec);
      });
    } catch (e) {
      if ((e as { code?: unknown }).code !== undefined && !(e instanceof BadInput)) throw new UsageError(`merge: "${file}": ${describeFsError(e)}`);
      throw e;
    }
  });
  if (check === undefined) throw new UsageError(`merge: no runs in ${args.files.map((f) => `"${f}"`).join(', ')}`);
  const id = check.identity;

  const records = store.sorted();
  const last = records[records.length - 1]!.index;
  if (args.runs !== undefined && last >= args.runs) throw new UsageError(`merge: run ${last} is past --runs ${args.runs}`);
  const expected = args.runs ?? last + 1;
  if (records.length < expected && !args.allowMissing) {
    const missing: number[] = [];
    for (let i = 0, k = 0; i < expected && missing.length < 5; i++) {
      if (k < records.length && records[k]!.index === i) k++;
      else missing.push(i);
    }
    throw new UsageError(`merge: ${expected - records.length} of ${expected} runs missing (run ${missing.join(', ')}${expected - records.length > missing.length ? ', ...' : ''}): is a shard file missing or unfinished? (finish it with sim sweep ... --resume FILE, or give --allow-missing)`);
  }

  const loaded = await scenarioFor(id.scenario, args.scenario, cwd);
  // The same ref and defaults as `sim sweep` of that scenario: the merged summary's replay commands are the unsplit sweep's.
  const ref = args.scenario ?? id.scenario;
  return printSummary(io, records, { scenario: id.scenario, ref, defaults: defaultParams(loaded), metricInfo: loaded.scenario.metricInfo, metrics: args.metrics, incidentsPerYear: args.incidentsPerYear, json: args.json, color: args.color });
}

/** The scenario the records are of, for its metric labels, units and defaults: built in, or the module --scenario names. */
async function scenarioFor(id: string, ref: string | undefined, cwd: string): Promise<LoadedScenario> {
  if (ref !== undefined) {
    const loaded = await loadScenario(ref, cwd);
    if (loaded.scenario.id !== id) throw new UsageError(`merge: --scenario "${ref}" is scenario "${loaded.scenario.id}", but the runs are of "${id}"`);
    return loaded;
  }
  if (!CATALOGUE.some((e) => e.id === id)) throw new UsageError(`merge: the runs are of scenario "${id}", which is not built in: give its module with --scenario PATH`);
  return loadScenario(id, cwd);
}
