/**
 * Bad input to sweep, merge, compare and matrix: exit 2, one line on stderr,
 * nothing on stdout, and no --out file created.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimResult } from '../cli/sim.js';
import { ensureBuilt, lines, sim } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-sweep-bad-'));
/** TINY as plain JavaScript (the same scenario, id "tiny"): no TypeScript to load in these processes and their workers. */
const TINY_JS = 'test/fixtures/tiny-js.mjs';
const out = (name: string) => join(dir, name);

beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rec = (index: number, seed: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ scenario: 'tiny', index, seed, params: { restartDelayMs: 5000, requestIntervalMs: 1000, maxDowntimeMs: 10000, mode: 'strict' }, digest: '0123456789abcdef', metrics: { downtimeMs: 5000 }, claims: [{ name: 'c', pass: true }], ...extra });
const file = (name: string, text: string) => { const p = out(name); writeFileSync(p, text); return p; };
const a = file('a.ndjson', `${rec(0, 1)}\n${rec(2, 3)}\n`);
const b = file('b.ndjson', `${rec(1, 2)}\n${rec(2, 3)}\n`);
const otherSeed = file('other-seed.ndjson', `${rec(1, 7)}\n`);
const otherParams = file('other-params.ndjson', `${rec(1, 2, { params: { restartDelayMs: 1 } })}\n`);
const gap = file('gap.ndjson', `${rec(0, 1)}\n${rec(3, 4)}\n`);
const corrupt = file('corrupt.ndjson', `${rec(0, 1)}\nnot json\n${rec(1, 2)}\n`);
const cut = file('cut.ndjson', `${rec(0, 1)}\n${rec(1, 2).slice(0, 20)}`);
const flux = file('flux.ndjson', `${rec(0, 1, { scenario: 'flux-kafka-down' })}\n`);
const full = file('full.ndjson', `${rec(0, 1)}\n`);

const cases: [string, string[], RegExp, Record<string, string>?][] = [
  ['--runs 0', ['sweep', 'scenario-a', '--runs', '0', '--out', out('n0')], /--runs "0": expected a positive integer/],
  ['--runs abc', ['sweep', 'scenario-a', '--runs', 'abc', '--out', out('nabc')], /--runs "abc": expected a positive integer/],
  ['--runs 1.5', ['sweep', 'scenario-a', '--runs', '1.5'], /--runs "1.5"/],
  ['--runs missing', ['sweep', 'scenario-a', '--out', out('nmissing')], /sweep: missing --runs N/],
  ['--runs too many', ['sweep', 'scenario-a', '--runs', '1000000000'], /--runs 1000000000: at most 100000000 runs in one sweep/],
  ['negative --runs', ['sweep', 'scenario-a', '--runs', '-3'], /--runs "-3": expected a positive integer/],
  ['--workers 0', ['sweep', 'scenario-a', '--runs', '3', '--workers', '0'], /--workers "0": expected a positive integer/],
  ['shard index = count', ['sweep', 'scenario-a', '--runs', '3', '--shard', '2/2', '--out', out('s22')], /--shard "2\/2": shard index 2 is out of range for 2 shards/],
  ['shard malformed', ['sweep', 'scenario-a', '--runs', '3', '--shard', '1'], /--shard "1": expected i\/n/],
  ['shard of zero', ['sweep', 'scenario-a', '--runs', '3', '--shard', '0/0'], /--shard "0\/0": expected i\/n/],
  ['--shard-count without JOB_COMPLETION_INDEX', ['sweep', 'scenario-a', '--runs', '3', '--shard-count', '2', '--out', out('sc')], /JOB_COMPLETION_INDEX is not set/],
  ['JOB_COMPLETION_INDEX out of range', ['sweep', 'scenario-a', '--runs', '3', '--shard-count', '2'], /JOB_COMPLETION_INDEX 5 is out of range for --shard-count 2/, { JOB_COMPLETION_INDEX: '5' }],
  ['--shard and --shard-count', ['sweep', 'scenario-a', '--runs', '3', '--shard', '0/2', '--shard-count', '2'], /not both/],
  ['--out and --resume', ['sweep', 'scenario-a', '--runs', '3', '--out', out('x'), '--resume', out('y')], /not both/],
  ['--incidents-per-year -1', ['sweep', 'scenario-a', '--runs', '3', '--incidents-per-year', '-1'], /--incidents-per-year "-1": expected a positive number/],
  ['unknown scenario', ['sweep', 'no-such-scenario', '--runs', '3', '--workers', '1', '--out', out('unknown')], /unknown scenario "no-such-scenario" \(valid: scenario-\* \(4\), flux-\* /],
  ['bad --set key', ['sweep', TINY_JS, '--runs', '3', '--workers', '1', '--set', 'nope=1', '--out', out('badset')], /--set: unknown parameter "nope" \(valid: maxDowntimeMs, mode, requestIntervalMs, restartDelayMs\)/],
  ['bad --set value', ['sweep', 'scenario-a', '--runs', '3', '--workers', '1', '--set', 'replication=maybe', '--out', out('badvalue')], /parameter replication="maybe"/],
  ['--out exists with results', ['sweep', 'scenario-a', '--runs', '3', '--out', full], /--out ".*full.ndjson": the file exists \(give --force to replace it, or continue that sweep with --resume/],
  ['--out in a missing directory', ['sweep', 'scenario-a', '--runs', '3', '--out', out('no/such/dir.ndjson')], /--out ".*dir.ndjson": the folder ".*no\/such" does not exist/],
  ['--resume of a missing file', ['sweep', 'scenario-a', '--runs', '3', '--resume', out('missing.ndjson')], /--resume ".*missing.ndjson": no such file or directory/],
  ['--resume of another scenario', ['sweep', 'scenario-a', '--runs', '3', '--workers', '1', '--resume', a], /line 1: a run of scenario "tiny", but this sweep is of "scenario-a"/],
  ['merge: overlapping shards', ['merge', a, b], /b.ndjson" line 2: run 2 is also in ".*a.ndjson" \(overlapping shards\?\)/],
  ['merge: another base seed', ['merge', a, otherSeed], /started from --seed 6, but ".*a.ndjson" line 1 from --seed 1/],
  ['merge: other parameters', ['merge', a, otherParams], /run 1 has .* \(not the same sweep\)/],
  ['merge: runs missing', ['merge', gap], /merge: 2 of 4 runs missing \(run 1, 2\)/],
  ['merge: fewer runs than --runs', ['merge', a, '--runs', '5'], /3 of 5 runs missing/],
  ['merge: corrupt line', ['merge', corrupt], /merge ".*corrupt.ndjson": line 2: not valid JSON/],
  ['merge: cut-off last line', ['merge', cut], /line 2: .*\(a sweep stopped while writing it\? continue that sweep with --resume\)/],
  ['merge: a missing file', ['merge', out('nope.ndjson')], /merge: ".*nope.ndjson": no such file or directory/],
  ['merge: the same file twice', ['merge', a, a], /is given twice/],
  ['merge: no files', ['merge'], /merge: missing files/],
  ['merge: a scenario not built in', ['merge', a, '--allow-missing'], /scenario "tiny", which is not built in: give its module with --scenario PATH/],
  ['merge: --scenario of another id', ['merge', flux, '--scenario', TINY_JS], /--scenario ".*" is scenario "tiny", but the runs are of "flux-kafka-down"/],
  ['compare: nothing to compare', ['compare', 'scenario-a', '--runs', '3'], /compare: nothing to compare/],
  ['compare: the same parameters', ['compare', 'scenario-a', '--runs', '3', '--set', 'replication=sync', '--vs', 'replication=sync'], /give the same parameters/],
  ['compare: bad --vs key', ['compare', 'scenario-a', '--runs', '3', '--set', 'replication=sync', '--vs', 'replicaton=async'], /--vs: unknown parameter "replicaton"/],
  ['compare: --runs missing', ['compare', 'scenario-a', '--set', 'replication=sync', '--vs', 'replication=async'], /compare: missing --runs N/],
  ['unknown --metric', ['sweep', 'scenario-a', '--runs', '3', '--workers', '1', '--metric', 'downtime', '--out', out('metric')], /--metric "downtime": not a metric of scenario-a \(valid: ackedWritesLost, .*writeDowntimeMs/],
  ['merge: unknown --metric', ['merge', a, '--scenario', TINY_JS, '--allow-missing', '--metric', 'nope'], /--metric "nope": not a metric of tiny \(valid: downtimeMs\)/],
  ['compare: unknown --metric', ['compare', 'scenario-a', '--runs', '3', '--set', 'replication=sync', '--vs', 'replication=async', '--metric', 'lostWrites'], /--metric "lostWrites": not a metric of scenario-a/],
  ['matrix: unknown family', ['matrix', 'nope', '--runs', '2'], /matrix: "nope" is neither a scenario, a system nor a family \(systems: .*firewall.*; families: .*flux/],
  ['matrix: --runs 0', ['matrix', 'flux', '--runs', '0'], /--runs "0"/],
];

/** '--out exists with results' and the test after it ask the very same command: one process for both. */
const refusedFull = ['sweep', 'scenario-a', '--runs', '3', '--out', full];
const fullBefore = readFileSync(full, 'utf8');
let refused: Promise<SimResult> | undefined;
const refuseFull = () => (refused ??= sim(refusedFull));

describe.concurrent('sweep commands: bad input', () => {
  it.each(cases)('%s: exit 2, one line, nothing on stdout, no file', async (_name, args, message, env) => {
    const r = await (args.join('\0') === refusedFull.join('\0') && !env ? refuseFull() : sim(args, env ? { env } : {}));
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^sim: /);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    const o = args.indexOf('--out');
    if (o >= 0 && !args[o + 1]!.endsWith('full.ndjson')) expect(existsSync(args[o + 1]!)).toBe(false);
  });

  it('a refused --out file is left as it was', async () => {
    const r = await refuseFull();
    expect(r.code).toBe(2);
    expect(readFileSync(full, 'utf8')).toBe(fullBefore);
  });
});
