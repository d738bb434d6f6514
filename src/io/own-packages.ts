import { register } from 'node:module';

let registered = false;

/**
 * Lets a scenario module anywhere import "failsim" and "zod" without a
 * package.json or node_modules of its own (see own-packages-hook.ts). Called
 * before the first user module is imported, once per thread: a sweep's
 * workers load scenarios too.
 */
export function resolveOwnPackages(): void {
  if (registered) return;
  registered = true;
  register('./own-packages-hook.js', { parentURL: import.meta.url, data: { parentUrl: import.meta.url } });
}
