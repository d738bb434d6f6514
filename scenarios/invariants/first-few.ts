/** The first `n` items, comma-separated, then ", ..." if there are more: enough for a verdict line to name a few. */
export function firstFew(items: readonly (string | number)[], n: number): string {
  return `${items.slice(0, n).join(', ')}${items.length > n ? ', ...' : ''}`;
}
