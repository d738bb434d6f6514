/**
 * A `sim check` worker thread. It loads the scenario once (the same loader
 * as `sim run`), then runs each case the main thread sends and posts back
 * its verdict, or for the counterexample the whole result. It stays up for
 * the whole check, so modules load and code is compiled once per worker,
 * not once per run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { applySettings, loadScenario, type LoadedScenario } from '../io/load-scenario.js';
import { verdictOf } from '../runner/case-run.js';
import { toFault } from '../scenario/fault-spec.js';
import { errorFields } from './worker-error.js';
import type { CheckWorkerInit, FromCheckWorker, ToCheckWorker } from './check-protocol.js';

const init = workerData as CheckWorkerInit;
const port = parentPort!;
const post = (m: FromCheckWorker): void => port.postMessage(m);

let loaded: { scenario: LoadedScenario; params: Record<string, unknown> } | undefined;
try {
  const scenario = await loadScenario(init.ref, init.cwd);
  loaded = { scenario, params: applySettings(scenario, init.sets).overrides };
  post({ t: 'ready' });
} catch (e) {
  post({ t: 'load-error', ...errorFields(e, init.cwd) });
}

port.on('message', (m: ToCheckWorker) => {
  if (m.t !== 'run' || loaded === undefined) return;
  const { scenario: { scenario, api }, params } = loaded;
  try {
    // Only the counterexample's timeline is printed: the search's runs skip building theirs.
    const result = api.runScenario(scenario, { seed: m.seed, params, faults: m.faults.map(toFault), timeline: m.full });
    post(m.full ? { t: 'result', id: m.id, result } : { t: 'verdict', id: m.id, verdict: verdictOf(result) });
  } catch (e) {
    post({ t: 'run-error', id: m.id, ...errorFields(e, init.cwd) });
  }
});
