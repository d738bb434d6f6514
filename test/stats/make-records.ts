import type { RunRecord } from '../../src/records/run-record.js';

/** Synthetic run records: run i gets seed base + i and whatever metrics and claims the callbacks give it. */
export function makeRecords(
  n: number,
  metrics: (i: number) => Record<string, number | null>,
  claims: (i: number) => Record<string, boolean> = () => ({}),
  options: { scenario?: string; params?: Record<string, unknown>; baseSeed?: number } = {},
): RunRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    scenario: options.scenario ?? 'synthetic',
    index: i,
    seed: (options.baseSeed ?? 1) + i,
    params: options.params ?? { ttlMs: 10_000 },
    digest: i.toString(16).padStart(16, '0'),
    metrics: metrics(i),
    claims: Object.entries(claims(i)).map(([name, pass]) => ({ name, pass })),
  }));
}

/** A deterministic shuffle (Fisher-Yates on a small LCG), so order-independence tests are themselves repeatable. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  const next = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
