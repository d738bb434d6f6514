import type { AssignmentStrategy } from './protocol.js';

/**
 * Spreads one topic's partitions over the group's members, sorted by member
 * id (plain string order, like Java's String.compareTo).
 * - range (the Java consumer's default, first in partition.assignment.strategy
 *   = [RangeAssignor, CooperativeStickyAssignor]): contiguous blocks; the first
 *   `partitions % members` members get one partition more.
 * - roundrobin: partition i goes to member i % members.
 * Both are eager protocols: every member gives up all its partitions when a
 * rebalance starts.
 */
export function assign(strategy: AssignmentStrategy, memberIds: readonly string[], partitions: number): Map<string, number[]> {
  const members = [...memberIds].sort();
  const out = new Map<string, number[]>(members.map((m) => [m, []]));
  if (members.length === 0) return out;
  if (strategy === 'roundrobin') {
    for (let p = 0; p < partitions; p++) out.get(members[p % members.length]!)!.push(p);
    return out;
  }
  const per = Math.floor(partitions / members.length);
  const extra = partitions % members.length;
  members.forEach((m, i) => {
    const start = i * per + Math.min(i, extra);
    const count = per + (i < extra ? 1 : 0);
    for (let p = start; p < start + count; p++) out.get(m)!.push(p);
  });
  return out;
}
