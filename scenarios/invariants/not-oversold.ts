import { US_PER_MS, formatTime } from '../../src/kernel/time.js';
import type { Invariant } from '../../src/scenario/invariant.js';
import type { FluxSystem } from '../../models/flux/flux-system.js';

/** Nothing oversold: buyers are never told yes for more units than there were. */
export function notOversold(initialStock: (p: any) => number): Invariant<any, FluxSystem> {
  return {
    name: 'nothing oversold',
    kind: 'always',
    source: 'Flux-Gate: Redis DECR guards the stock',
    watch(system, _sim, params) {
      const stock = initialStock(params);
      return {
        verdict() {
          const times = [...system.sale.acceptedAt.values()].sort((a, b) => a - b);
          if (times.length <= stock) return { pass: true, detail: `${times.length} orders accepted for ${stock} units` };
          const over = times[stock]!;
          return { pass: false, detail: `${times.length} orders accepted for ${stock} units: ${times.length - stock} oversold, the first at ${formatTime(over)}`, atMs: over / US_PER_MS };
        },
      };
    },
  };
}
