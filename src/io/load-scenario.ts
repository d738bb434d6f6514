import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { runScenario } from '../runner/run-scenario.js';
import type { AnyScenario } from '../scenario/scenario.js';
import type { parseSettings, resolveParams } from '../scenario/settings.js';
import { CATALOGUE } from './catalogue.js';
import { UsageError, describeFsError, oneLine } from './errors.js';
import { guardScenario } from './guard-scenario.js';
import { resolveOwnPackages } from './own-packages.js';
import { userCodeError } from './user-code-error.js';

/** The part of failsim's API a run needs. */
export interface RunnerApi {
  readonly runScenario: typeof runScenario;
  readonly parseSettings: typeof parseSettings;
  readonly resolveParams: typeof resolveParams;
}

export interface LoadedScenario {
  readonly scenario: AnyScenario;
  /**
   * The failsim the scenario itself imports. A scenario module's models
   * must run on the same copy of the kernel they were written against
   * (`instanceof Interrupt` in a model has to see the runner's Interrupt),
   * so a module's scenario is run with the runner its own "failsim"
   * import resolves to, not necessarily the CLI's.
   */
  readonly api: RunnerApi;
}

/** `--set` settings applied to a scenario: the typed overrides (what a run takes) and every parameter, defaults included (resolving them is what rejects a bad value). */
export function applySettings({ scenario, api }: LoadedScenario, sets: readonly string[]): { overrides: Record<string, unknown>; resolved: Record<string, unknown> } {
  const overrides = api.parseSettings(scenario.params, sets);
  return { overrides, resolved: api.resolveParams(scenario.params, overrides) };
}

/** The scenario's defaults, or undefined if some parameter has none. */
export function defaultParams({ scenario, api }: LoadedScenario): Record<string, unknown> | undefined {
  try {
    return api.resolveParams(scenario.params, {});
  } catch {
    return undefined;
  }
}

const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);
const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);

/** A path (has a slash or a module extension) is imported; anything else is a built-in id. */
export function isPathRef(ref: string): boolean {
  const ext = extname(ref);
  return ref.includes('/') || ref.includes('\\') || TS_EXTENSIONS.has(ext) || JS_EXTENSIONS.has(ext);
}

export async function loadScenario(ref: string, cwd: string): Promise<LoadedScenario> {
  return isPathRef(ref) ? loadModule(ref, cwd) : loadBuiltIn(ref);
}

/** Every built-in scenario, loaded (the TUI's picker): this pulls in every model. Ids, titles and sources alone are in CATALOGUE. */
export async function builtInScenarios(): Promise<readonly AnyScenario[]> {
  return Promise.all(CATALOGUE.map((entry) => entry.load()));
}

/**
 * What to offer for an unknown id: the ids of its family ("firewall-x": every
 * firewall-* id), else all of them, or, when that is too long for one line,
 * each family as "firewall-* (16)" and a pointer to `sim list`.
 */
function validIds(id: string): string {
  const ids = CATALOGUE.map((e) => e.id);
  if (ids.length === 0) return 'no built-in scenarios yet; give a path to a scenario module';
  const dash = id.indexOf('-');
  const family = dash > 0 ? ids.filter((x) => x.startsWith(id.slice(0, dash + 1))) : [];
  const shown = (family.length > 0 ? family : ids).join(', ');
  if (shown.length <= 400) return `valid: ${shown}`;
  const groups = new Map<string, number>();
  for (const x of ids) {
    const key = x.includes('-') && ids.filter((y) => y.startsWith(x.slice(0, x.indexOf('-') + 1))).length > 2 ? `${x.slice(0, x.indexOf('-'))}-*` : x;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const summary = [...groups].map(([k, n]) => (n > 1 ? `${k} (${n})` : k)).join(', ');
  return `valid: ${summary}; sim list shows all ${ids.length}`;
}

/** A built-in scenario by id: only its own modules are loaded. */
async function loadBuiltIn(id: string): Promise<LoadedScenario> {
  const entry = CATALOGUE.find((e) => e.id === id);
  if (!entry) throw new UsageError(`unknown scenario "${id}" (${validIds(id)})`);
  return { scenario: await entry.load(), api: await ownApi() };
}

async function ownApi(): Promise<RunnerApi> {
  const [runner, settings] = await Promise.all([import('../runner/run-scenario.js'), import('../scenario/settings.js')]);
  return { runScenario: runner.runScenario, parseSettings: settings.parseSettings, resolveParams: settings.resolveParams };
}

async function loadModule(ref: string, cwd: string): Promise<LoadedScenario> {
  const file = resolve(cwd, ref);
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (e) {
    throw new UsageError(`scenario file "${ref}": ${describeFsError(e)}`);
  }
  if (!isFile) throw new UsageError(`scenario file "${ref}": not a file`);
  const ext = extname(file);
  const url = pathToFileURL(file).href;
  let mod: Record<string, unknown>;
  let api: RunnerApi | undefined;
  resolveOwnPackages();
  try {
    if (TS_EXTENSIONS.has(ext)) {
      // tsx only when a TypeScript file is given: loading it costs about 100 ms.
      // One tsx namespace for both imports, so the scenario and the runner
      // share module instances (each tsImport() call would get its own).
      const { register } = await import('tsx/esm/api');
      const ns = register({ namespace: 'failsim-cli' });
      mod = await ns.import(url, import.meta.url);
      api = asApi(await ns.import('failsim', url).catch(() => undefined));
    } else if (JS_EXTENSIONS.has(ext)) {
      mod = await import(url);
      api = asApi(await importFailsimFrom(file));
    } else {
      throw new UsageError(`scenario file "${ref}": expected a .ts, .mts, .js or .mjs module`);
    }
  } catch (e) {
    const hint = commonJsHint(file, ext);
    if (isLoadProblem(e)) throw new UsageError(`cannot load "${ref}": ${firstLine(e)}${hint}`);
    // The module's own code threw while it loaded: the user's error, with their file:line.
    const thrown = userCodeError(e, cwd, `cannot load "${ref}": `);
    throw thrown === undefined ? e : new UsageError(`${thrown.message}${hint}`);
  }
  return { scenario: guardScenario(ref, pickScenario(ref, mod)), api: api ?? (await ownApi()) };
}

/** For a JavaScript module that failed to load and reads like CommonJS: what to write instead. */
function commonJsHint(file: string, ext: string): string {
  if (!JS_EXTENSIONS.has(ext)) return '';
  let text = '';
  try { text = readFileSync(file, 'utf8'); } catch { /* unreadable: no hint */ }
  if (!/\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(text)) return '';
  return ' (the file is CommonJS, require/module.exports; failsim loads ES modules: use import and export default, in a .mjs or .ts file)';
}

/** The "failsim" that `file` would import, for a plain JS module (no loader involved). */
async function importFailsimFrom(file: string): Promise<unknown> {
  try {
    return await import(pathToFileURL(createRequire(file).resolve('failsim')).href);
  } catch {
    return undefined;
  }
}

function asApi(m: unknown): RunnerApi | undefined {
  const api = m as Partial<RunnerApi> | undefined;
  if (typeof api?.runScenario === 'function' && typeof api.parseSettings === 'function' && typeof api.resolveParams === 'function') {
    return { runScenario: api.runScenario, parseSettings: api.parseSettings, resolveParams: api.resolveParams };
  }
  return undefined;
}

/** Broken input files: syntax errors, imports that do not resolve. A throw from the module's own code is not one. */
function isLoadProblem(e: unknown): e is Error {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: string }).code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNSUPPORTED_DIR_IMPORT' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || code === 'ERR_UNKNOWN_FILE_EXTENSION') return true;
  // esbuild (through tsx) reports TypeScript syntax errors as "Transform failed with N error(s)".
  return e instanceof SyntaxError || e.name === 'TransformError' || /^Transform failed/.test(e.message);
}

function firstLine(e: Error): string {
  const lines = e.message.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  // esbuild: "Transform failed with 1 error:" then "file:line:col: ERROR: what".
  const detail = lines.find((l) => /ERROR:/.test(l)) ?? lines[0] ?? e.name;
  return oneLine(detail);
}

const REQUIRED: readonly [string, (v: unknown) => boolean][] = [
  ['id', (v) => typeof v === 'string' && v !== ''],
  ['title', (v) => typeof v === 'string'],
  ['source', (v) => typeof v === 'string'],
  ['params', (v) => typeof v === 'object' && v !== null && typeof (v as { safeParse?: unknown }).safeParse === 'function' && typeof (v as { shape?: unknown }).shape === 'object'],
  ['durationMs', (v) => typeof v === 'function'],
  ['faults', (v) => typeof v === 'function'],
  ['build', (v) => typeof v === 'function'],
  ['metrics', (v) => typeof v === 'function'],
  ['claims', (v) => Array.isArray(v)],
];

/** What is missing or of the wrong kind for `value` to be a scenario; empty if it is one. */
export function scenarioProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['not an object'];
  const rec = value as Record<string, unknown>;
  return REQUIRED.filter(([key, ok]) => !ok(rec[key])).map(([key]) => key);
}

/**
 * The module's scenario: its default export, else its export named
 * "scenario", else its only export that is scenario-shaped (so
 * `sim run scenarios/patroni-k8s/scenario-a.ts` finds `export const scenarioA`).
 */
function pickScenario(ref: string, mod: Record<string, unknown>): AnyScenario {
  const preferred = ([['default export', mod.default], ['export "scenario"', mod.scenario]] as const).filter(([, v]) => v !== undefined);
  const good = preferred.find(([, v]) => scenarioProblems(v).length === 0);
  if (good) return good[1] as AnyScenario;
  if (preferred.length > 0) {
    const [name, value] = preferred[0]!;
    const problems = scenarioProblems(value);
    const what = problems[0] === 'not an object' ? 'is not an object' : `lacks ${problems.join(', ')}`;
    throw new UsageError(`"${ref}": the ${name} is not a scenario (it ${what}; make it with defineScenario from "failsim")`);
  }
  const others = Object.entries(mod).filter(([, v]) => scenarioProblems(v).length === 0);
  if (others.length === 1) return others[0]![1] as AnyScenario;
  if (others.length > 1) throw new UsageError(`"${ref}" exports several scenarios (${others.map(([k]) => k).join(', ')}); export the one to run as default`);
  throw new UsageError(`"${ref}" exports no scenario (expected a default export or an export named "scenario", made with defineScenario)`);
}
