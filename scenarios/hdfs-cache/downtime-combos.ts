/**
 * Downtime attributed to the combination of component groups down at the
 * same time (pure). Each instant the service is down counts towards the set
 * of groups that were down then, named in GROUPS order: one group alone,
 * a pair, or three and more together. Sweeping these metrics ranks the
 * combinations by what they cost.
 */
export const GROUPS = ['reader', 'namenodes', 'zookeeper', 'journalnodes', 'network'] as const;
export type Group = (typeof GROUPS)[number];

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** The metric of a set of groups down at once. */
export function comboKey(down: readonly Group[]): string {
  const sorted = GROUPS.filter((g) => down.includes(g));
  if (sorted.length === 0) return 'recoveringDowntimeMs';
  if (sorted.length >= 3) return 'threeOrMoreDowntimeMs';
  return `${sorted[0]}${sorted.slice(1).map(cap).join('')}DowntimeMs`;
}

/** Every combination metric, in report order: single groups, then pairs, then three or more, then none down (recovering). */
export function comboKeys(): string[] {
  const keys = GROUPS.map((g) => comboKey([g]));
  for (let i = 0; i < GROUPS.length; i++) for (let j = i + 1; j < GROUPS.length; j++) keys.push(comboKey([GROUPS[i]!, GROUPS[j]!]));
  keys.push('threeOrMoreDowntimeMs', 'recoveringDowntimeMs');
  return keys;
}

/** A metric's label: which groups were down while the service was. */
export function comboLabel(key: string): string {
  if (key === 'threeOrMoreDowntimeMs') return 'downtime while three or more component groups were down at once';
  if (key === 'recoveringDowntimeMs') return 'downtime after every component was back (an election or start-up still under way)';
  const names = GROUPS.filter((g) => key === comboKey([g]) || GROUPS.some((h) => key === comboKey([g, h]) || key === comboKey([h, g])));
  return `downtime while ${names.join(' + ')} ${names.length === 1 ? 'alone was' : 'were'} down`;
}
