import { IdentityCheck } from '../../records/identity.js';
import { RecordStore } from '../../sweep/record-store.js';
import { UsageError } from '../../io/errors.js';
import { EXIT } from '../exit-codes.js';
import { MATRIX_HELP } from '../help.js';
import { CATALOGUE } from '../../io/catalogue.js';
import { isPathRef, loadScenario, type LoadedScenario } from '../../io/load-scenario.js';
import { paletteFor, type Io } from '../output.js';
import { parseMatrixArgs } from '../sweep-args.js';
import { collectRuns } from '../sweep-runner.js';

/** `sim matrix <family|a,b,...> --runs N`: N seeds of each scenario, claims by scenario. */
export async function matrixCommand(argv: readonly string[], io: Io, cwd: string): Promise<number> {
  const args = parseMatrixArgs(argv);
  if (args.help) { io.out(MATRIX_HELP); return 0; }
  const refs = await expand(args.what);
  const loaded: (LoadedScenario & { ref: string })[] = [];
  for (const ref of refs) loaded.push({ ref, ...(await loadScenario(ref, cwd)) });
  const seen = new Map<string, string>();
  for (const l of loaded) {
    const before = seen.get(l.scenario.id);
    if (before !== undefined) throw new UsageError(`matrix: "${before}" and "${l.ref}" are the same scenario "${l.scenario.id}"`);
    seen.set(l.scenario.id, l.ref);
  }
  const rows = loaded.map((l) => ({
    id: l.scenario.id,
    title: l.scenario.title,
    check: new IdentityCheck({ scenario: l.scenario.id, params: l.api.resolveParams(l.scenario.params, {}), baseSeed: args.seed }),
    store: new RecordStore(),
  }));
  const tasks: number[] = [];
  for (let i = 0; i < args.runs; i++) for (let v = 0; v < rows.length; v++) tasks.push(v, i);
  const interrupted = await collectRuns(io, {
    label: 'matrix',
    variants: refs.map((ref) => ({ ref, sets: [] })),
    baseSeed: args.seed,
    cwd,
    workers: args.workers,
    color: args.color,
  }, tasks, rows.map((r) => ({ ...r, name: r.id })));
  if (interrupted !== undefined) return interrupted;
  const { failureMatrix, formatMatrix, everyRunHeldItsClaims } = await import('../../stats/index.js');
  const sorted = rows.map((r, i) => ({ id: r.id, title: r.title, records: r.store.sorted(), documented: loaded[i]!.scenario.documented }));
  const matrix = failureMatrix(sorted);
  io.out(args.json ? `${JSON.stringify(matrix, null, 2)}\n` : formatMatrix(matrix, paletteFor(io, args.color)));
  return sorted.every((r) => everyRunHeldItsClaims(r.records)) ? EXIT.ok : EXIT.claimFailed;
}

/** A system ("hdfs-cache") -> its scenarios; "flux" -> every built-in id starting with "flux-"; "a,b" -> [a, b]; an id or a path -> itself. */
async function expand(what: string): Promise<string[]> {
  if (what.includes(',')) {
    const refs = what.split(',').map((s) => s.trim());
    if (refs.some((r) => r === '')) throw new UsageError(`matrix: "${what}": an empty name in the list`);
    return refs;
  }
  if (isPathRef(what)) return [what];
  const ids = CATALOGUE.map((e) => e.id);
  if (ids.includes(what)) return [what];
  // A system's name (its folder under scenarios/): every scenario of it, as `sim matrix hdfs-cache`.
  const ofSystem = CATALOGUE.filter((e) => e.system === what).map((e) => e.id);
  if (ofSystem.length > 0) return ofSystem;
  const family = ids.filter((id) => id.startsWith(`${what}-`));
  if (family.length > 0) return family;
  const families = [...new Set(ids.filter((id) => id.includes('-')).map((id) => id.slice(0, id.indexOf('-'))))];
  throw new UsageError(`matrix: "${what}" is neither a scenario, a system nor a family (systems: ${[...new Set(CATALOGUE.map((e) => e.system))].join(', ')}; families: ${families.join(', ')}; or ids separated by commas)`);
}
