/**
 * Writes test/fixtures/distributions-before.json, the baseline that
 * test/scenarios/distributions.test.ts compares fresh runs against, from a
 * folder of sweep run records (`sim sweep ... --out DIR/<file>`):
 *
 *   npx tsc && node dist/bench/distributions-fixture.js /tmp/failsim/before > test/fixtures/distributions-before.json
 *
 * The folder holds one NDJSON file per configuration below (the baseline of
 * commit 067158c: seeds 1..500 of each, made with
 * `sim sweep scenario-a --runs 500 --set replication=sync --out DIR/scenario-a-sync.ndjson`,
 * the same with replication=asynchronous, and `sim sweep flux-kafka-down --runs 500
 * --out DIR/flux-kafka-down--.ndjson`, likewise flux-worker-crash). Kept per
 * seed, in seed order: the named metrics rounded to 3 decimals (null where a
 * run had none) and every claim's and invariant's pass flags as a string of
 * 0s and 1s, which keeps the file near 30 kB.
 */
import { join } from 'node:path';
import { readRecords } from '../src/sweep/record-file.js';
import { byIndex, commonRun } from '../src/stats/records.js';
import type { Outcome, RunRecord } from '../src/records/run-record.js';

interface Configuration {
  readonly name: string;
  readonly file: string;
  /** The --set overrides the sweep ran with; the test runs the same. */
  readonly set: Record<string, unknown>;
  readonly metrics: readonly string[];
}

/** Issue 13's acceptance list: what must keep its distribution. */
const CONFIGURATIONS: readonly Configuration[] = [
  { name: 'scenario-a-sync', file: 'scenario-a-sync.ndjson', set: { replication: 'sync' }, metrics: ['writeDowntimeMs', 'detectionMs', 'writeLatencyP99Ms'] },
  { name: 'scenario-a-async', file: 'scenario-a-async.ndjson', set: { replication: 'asynchronous' }, metrics: ['ackedWritesLost'] },
  { name: 'flux-kafka-down', file: 'flux-kafka-down--.ndjson', set: {}, metrics: ['acceptedOrdersLost', 'unitsOversold'] },
  { name: 'flux-worker-crash', file: 'flux-worker-crash--.ndjson', set: {}, metrics: ['acceptedOrdersLost', 'unitsOversold'] },
];

function readSweep(file: string): RunRecord[] {
  const records: RunRecord[] = [];
  readRecords(file, { dropTruncatedLast: false, what: 'run records' }, (r) => records.push(r));
  return byIndex(records, file);
}

const round3 = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);

/** One string of pass flags per claim or invariant name, '1' pass and '0' fail, in seed order. */
function passFlags(records: readonly RunRecord[], kind: 'claim' | 'invariant', pick: (r: RunRecord) => readonly Outcome[] | undefined) {
  const names = [...new Set(records.flatMap((r) => (pick(r) ?? []).map((o) => o.name)))];
  return names.map((name) => ({
    kind,
    name,
    pass: records.map((r, i) => {
      const o = (pick(r) ?? []).find((x) => x.name === name);
      if (o === undefined) throw new Error(`run ${i} (seed ${r.seed}) has no ${kind} "${name}"`);
      return o.pass ? '1' : '0';
    }).join(''),
  }));
}

function fixtureOf(dir: string, c: Configuration) {
  const file = join(dir, c.file);
  const records = readSweep(file);
  const { scenario, params } = commonRun(records, file);
  const first = records[0]!.seed;
  // Consecutive seeds: the test's fresh seeds must be provably disjoint from these.
  records.forEach((r, i) => {
    if (r.seed !== first + i) throw new Error(`${file}: seeds are not consecutive at run ${r.index} (seed ${r.seed})`);
  });
  for (const [key, value] of Object.entries(c.set)) {
    if (params[key] !== value) throw new Error(`${file}: ${key} is ${JSON.stringify(params[key])}, expected ${JSON.stringify(value)}`);
  }
  return {
    name: c.name,
    scenario,
    set: c.set,
    params,
    seeds: { first, last: first + records.length - 1 },
    metrics: Object.fromEntries(c.metrics.map((m) => [m, records.map((r) => round3(r.metrics[m]))])),
    outcomes: [...passFlags(records, 'claim', (r) => r.claims), ...passFlags(records, 'invariant', (r) => r.invariants)],
  };
}

/** JSON with two-space indents, but each list of numbers on one line. */
function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\n\s+([-\d.e,\snul]+?)\n\s+\]/g, (_, body: string) => `[${body.split(/,\s+/).join(',')}]`);
}

const dir = process.argv[2];
if (dir === undefined) {
  console.error('usage: node dist/bench/distributions-fixture.js DIR > test/fixtures/distributions-before.json');
  process.exitCode = 2;
} else {
  const about = 'Baseline for test/scenarios/distributions.test.ts: per-seed metrics and claim/invariant pass flags of 500-run sweeps; regenerate with bench/distributions-fixture.ts';
  console.log(compactJson({ about, configurations: CONFIGURATIONS.map((c) => fixtureOf(dir, c)) }));
}
