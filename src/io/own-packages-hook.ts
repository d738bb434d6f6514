/**
 * Module hooks (registered by own-packages.ts; they run on Node's loader
 * thread) that let a user's scenario live in a folder of its own, with no
 * package.json or node_modules:
 *
 * - resolve: "failsim" and "zod" that Node finds nowhere beside the scenario
 *   resolve from inside failsim's own package, so the scenario gets the
 *   installed failsim (a package may import itself by name) and failsim's
 *   own zod. A project with its own copies keeps them: only an import that
 *   would fail is redirected.
 * - load: a `.ts` file in no package, or in one whose package.json does not
 *   say "type", is an ES module (what a scenario written with import/export
 *   is). Node would take it for CommonJS, and tsx would then compile it to
 *   require() calls, which this resolve hook cannot see.
 */
import { readFileSync } from 'node:fs';
import type { InitializeHook, LoadHook, ResolveHook } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bare specifiers answered from failsim's package: the package itself and zod, with subpaths. */
const OWN = /^(?:failsim|zod)(?:\/|$)/;

let ownParentUrl = '';

export const initialize: InitializeHook<{ readonly parentUrl: string }> = (data) => {
  ownParentUrl = data.parentUrl;
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (e) {
    if (!OWN.test(specifier) || (e as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND' || ownParentUrl === '') throw e;
    return nextResolve(specifier, { ...context, parentURL: ownParentUrl });
  }
};

export const load: LoadHook = async (url, context, nextLoad) => {
  const format = context.format as string | null | undefined;
  const cjs = format === 'commonjs' || format === 'commonjs-typescript';
  if (cjs && url.startsWith('file:') && /\.tsx?$/.test(new URL(url).pathname) && !url.includes('/node_modules/') && packageType(fileURLToPath(new URL(url.split('?')[0]!))) === undefined) {
    // tsx, ahead in the chain, compiles what comes back as "module-typescript" to an ES module.
    return nextLoad(url, { ...context, format: 'module-typescript' as 'module' });
  }
  return nextLoad(url, context);
};

/** The "type" of the package.json nearest to `file`, or undefined if it has none (or there is none). */
function packageType(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    try {
      const type = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type;
      return typeof type === 'string' ? type : undefined;
    } catch { /* none here, or unreadable: look further up */ }
    if (dirname(dir) === dir) return undefined;
  }
}
