import type { FluxSystem } from '../../models/flux/flux-system.js';

/**
 * Orders a buyer got a 200 for that have no row in the database, in the
 * order they were accepted. One definition for the metric, its claims and
 * the `acceptedOrdersKept` invariant.
 */
export function lostAcceptedOrders(system: FluxSystem): string[] {
  return [...system.sale.accepted].filter((id) => !system.db.hasOrder(id));
}
