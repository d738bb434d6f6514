/**
 * A sweep worker thread. It loads each scenario variant once (the same
 * loader as `sim run`: a built-in id or a module path, TypeScript through
 * tsx), then runs the (variant, index) tasks of every batch the main thread
 * sends, posting each finished run back at once as its NDJSON line.
 *
 * Between runs it reads the shared stop flag: once the main thread sets it
 * (SIGINT), the rest of the batch is skipped, so stopping waits for at most
 * one run per worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { applySettings, defaultParams, loadScenario, type LoadedScenario } from '../io/load-scenario.js';
import type { FromWorker, ToWorker, VariantInfo, WorkerInit } from './protocol.js';
import { recordLine } from './record-file.js';
import { errorFields as errorFieldsOf } from './worker-error.js';
import { outcomesOf, seedFor, type RunRecord } from '../records/run-record.js';

interface Loaded extends LoadedScenario {
  /** The --set overrides a run takes, and every parameter with defaults (what the main thread is told). */
  readonly params: Record<string, unknown>;
  readonly resolved: Record<string, unknown>;
}

const init = workerData as WorkerInit;
const port = parentPort!;
const stop = new Int32Array(init.stop);
const post = (m: FromWorker): void => port.postMessage(m);

const errorFields = (thrown: unknown) => errorFieldsOf(thrown, init.cwd);

async function loadVariants(): Promise<Loaded[]> {
  const byRef = new Map<string, Promise<LoadedScenario>>();
  return Promise.all(init.variants.map(async (v) => {
    let loading = byRef.get(v.ref);
    if (loading === undefined) { loading = loadScenario(v.ref, init.cwd); byRef.set(v.ref, loading); }
    const loaded = await loading;
    const { overrides, resolved } = applySettings(loaded, v.sets);
    return { ...loaded, params: overrides, resolved };
  }));
}

function runOne(v: Loaded, index: number): string {
  const seed = seedFor(init.baseSeed, index);
  // No timeline: a run record does not keep it (an older failsim a module imports ignores the option).
  const result = v.api.runScenario(v.scenario, { seed, params: v.params, timeline: false });
  const metrics: Record<string, number | null> = {};
  for (const [k, x] of Object.entries(result.metrics)) metrics[k] = Number.isFinite(x) ? x : null;
  const record: RunRecord = {
    scenario: result.scenario,
    index,
    seed,
    params: result.params,
    digest: result.digest,
    metrics,
    claims: outcomesOf(result.claims),
    // Only for a scenario that declares invariants: the records of others keep their bytes.
    ...(result.invariants.length === 0 ? {} : { invariants: outcomesOf(result.invariants) }),
  };
  return recordLine(record);
}

let variants: Loaded[];
try {
  variants = await loadVariants();
  post({
    t: 'ready',
    info: variants.map((v) => ({
      id: v.scenario.id,
      title: v.scenario.title,
      params: v.resolved,
      metricInfo: v.scenario.metricInfo === undefined ? undefined : JSON.parse(JSON.stringify(v.scenario.metricInfo)) as VariantInfo['metricInfo'],
      defaults: defaultParams(v),
    })),
  });
} catch (e) {
  post({ t: 'load-error', ...errorFields(e) });
  variants = [];
}

port.on('message', (m: ToWorker) => {
  if (m.t !== 'batch' || variants.length === 0) return;
  const tasks = m.tasks;
  let ran = 0;
  for (let k = 0; k < tasks.length; k += 2) {
    if (Atomics.load(stop, 0) !== 0) break;
    const variant = tasks[k]!, index = tasks[k + 1]!;
    let line: string;
    try {
      line = runOne(variants[variant]!, index);
    } catch (e) {
      post({ t: 'run-error', variant, index, ...errorFields(e) });
      variants = [];
      return;
    }
    post({ t: 'run', variant, index, line });
    ran++;
  }
  post({ t: 'batch-done', ran });
});
