import type { Coalescer } from './coalescer.js';

/** Where coalescing happens: nowhere, in each process, or once for all processes. */
export type CoalesceScope = 'none' | 'per-process' | 'shared';

/**
 * The coalescer each of `processes` read paths gets: null for none, a new
 * one each for per-process, the same one for shared. Scope is only this
 * wiring; the coalescer itself does not know it.
 */
export function coalescersFor<V>(scope: CoalesceScope, processes: number, make: () => Coalescer<V>): (Coalescer<V> | null)[] {
  if (scope === 'none') return Array.from({ length: processes }, () => null);
  if (scope === 'per-process') return Array.from({ length: processes }, make);
  const one = make();
  return Array.from({ length: processes }, () => one);
}
