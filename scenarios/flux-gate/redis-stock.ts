import type { FluxSystem } from '../../models/flux/flux-system.js';
import { stockKey } from '../../models/flux/order.js';
import { PRODUCT_ID } from './product.js';

/** Redis' stock counter now. A peek, not a GET: metrics are read mid-run by the TUI and must not touch the LRU clock or evict. */
export function redisStock(system: FluxSystem): number {
  const value = system.redis.peekValue(stockKey(PRODUCT_ID));
  return value === null ? NaN : Number(value);
}
