import { US_PER_MS, formatTime } from '../../../src/scenario/index.js';
import type { Invariant } from '../../../src/scenario/invariant.js';
import type { FluxParams } from '../params.js';
import type { FluxView } from '../view.js';

/** Nothing oversold: buyers are never told yes for more units than there were. */
export const notOversold: Invariant<FluxParams, FluxView> = {
  name: 'nothing oversold',
  kind: 'always',
  source: 'Flux-Gate: Redis DECR guards the stock',
  watch({ world: system }, _sim, params) {
    const stock = params.initialStock;
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
