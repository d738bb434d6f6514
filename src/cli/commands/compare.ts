import { formatParam } from '../../report/format.js';
import { differingKeys, IdentityCheck } from '../../records/identity.js';
import { RecordStore } from '../../sweep/record-store.js';
import type { AnyScenario } from '../../scenario/scenario.js';
import { isBadInput, UsageError } from '../../io/errors.js';
import { EXIT } from '../exit-codes.js';
import { COMPARE_HELP } from '../help.js';
import { checkMetricNames, declaredMetrics, metricNamesOf } from '../metric-filter.js';
import { loadScenario, type RunnerApi } from '../../io/load-scenario.js';
import { paletteFor, type Io } from '../output.js';
import { parseCompareArgs } from '../sweep-args.js';
import { collectRuns } from '../sweep-runner.js';

/**
 * `sim compare <scenario> --set k=v --vs k=w --runs N`: the same seeds under
 * settings A and B, compared run by run.
 */
export async function compareCommand(argv: readonly string[], io: Io, cwd: string): Promise<number> {
  const args = parseCompareArgs(argv);
  if (args.help) { io.out(COMPARE_HELP); return 0; }
  const { scenario, api } = await loadScenario(args.scenario, cwd);
  resolve(scenario, api, args.both, '--both');
  const setsA = [...args.both, ...args.setA], setsB = [...args.both, ...args.setB];
  const paramsA = resolve(scenario, api, setsA, '--set');
  const paramsB = resolve(scenario, api, setsB, '--vs');
  const labels = sideLabels(paramsA, paramsB);
  if (labels === undefined) throw new UsageError('compare: --set and --vs give the same parameters, so there is nothing to compare');
  checkMetricNames(args.metrics, declaredMetrics(scenario.metricInfo), scenario.id);

  const sides = [paramsA, paramsB].map((params) => ({ check: new IdentityCheck({ scenario: scenario.id, params, baseSeed: args.seed }), store: new RecordStore() }));
  const tasks: number[] = [];
  for (let i = 0; i < args.runs; i++) tasks.push(0, i, 1, i);
  const interrupted = await collectRuns(io, {
    label: 'compare',
    variants: [{ ref: args.scenario, sets: setsA }, { ref: args.scenario, sets: setsB }],
    baseSeed: args.seed,
    cwd,
    workers: args.workers,
    color: args.color,
  }, tasks, sides);
  if (interrupted !== undefined) return interrupted;
  const { comparePaired, formatComparison, everyRunHeldItsClaims } = await import('../../stats/index.js');
  const [a, b] = [sides[0]!.store.sorted(), sides[1]!.store.sorted()];
  checkMetricNames(args.metrics, metricNamesOf(a), scenario.id);
  const comparison = comparePaired(a, b, { metricInfo: scenario.metricInfo, metrics: args.metrics });
  io.out(args.json ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparison(comparison, labels, paletteFor(io, args.color)));
  return everyRunHeldItsClaims(a) && everyRunHeldItsClaims(b) ? EXIT.ok : EXIT.claimFailed;
}

/** Parses and checks one side's settings; errors name the flag they came from. */
function resolve(scenario: AnyScenario, api: RunnerApi, sets: readonly string[], flag: string): Record<string, unknown> {
  try {
    return api.resolveParams(scenario.params, api.parseSettings(scenario.params, sets));
  } catch (e) {
    if (isBadInput(e) && flag !== '--set') throw new UsageError(e.message.replace(/^--set\b/, flag).replace(/^parameter /, `${flag}: parameter `));
    throw e;
  }
}

/** Each side named by the parameters where the two differ: {a: "replication=sync", b: "replication=async"}. */
function sideLabels(a: Record<string, unknown>, b: Record<string, unknown>): { a: string; b: string } | undefined {
  const keys = differingKeys(a, b);
  if (keys.length === 0) return undefined;
  const label = (p: Record<string, unknown>) => keys.map((k) => `${k}=${p[k] === undefined ? '(unset)' : formatParam(p[k])}`).join(' ');
  return { a: label(a), b: label(b) };
}
