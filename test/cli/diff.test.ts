/** `sim diff` end to end: two runs' --json reports or --trace files, the first record where they part. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiffReportSchema } from '../../src/diff/schema.js';
import { ensureBuilt, lines, sim, TINY } from './sim.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-diff-'));
const at = (name: string) => join(dir, name);

/** The first 1-based line where two trace files' chains differ, found the plain way, and the parsed lines there. */
function naiveFirstDivergence(fileA: string, fileB: string): { record: number; a: Record<string, unknown>; b: Record<string, unknown> } {
  const a = readFileSync(fileA, 'utf8').trimEnd().split('\n'), b = readFileSync(fileB, 'utf8').trimEnd().split('\n');
  const chain = (l: string | undefined) => (l === undefined ? undefined : (JSON.parse(l) as { chain: string }).chain);
  let i = 0;
  while (chain(a[i]) === chain(b[i])) i++;
  const parse = (l: string) => { const { chain: _, ...rest } = JSON.parse(l) as Record<string, unknown>; return rest; };
  return { record: i + 1, a: parse(a[i]!), b: parse(b[i]!) };
}

beforeAll(async () => {
  ensureBuilt();
  // Seeds 1 and 2 of scenario-a, each as a report and a trace; seed 1 twice, from two processes.
  // A 60 s horizon keeps the re-runs cheap; seeds 1 and 2 part within the first 0.1 s.
  const runs = await Promise.all([
    sim(['run', 'scenario-a', '--seed', '1', '--until', '60s', '--json', '--trace', at('s1.ndjson')]),
    sim(['run', 'scenario-a', '--seed', '2', '--until', '60s', '--json', '--trace', at('s2.ndjson')]),
    sim(['run', 'scenario-a', '--seed', '1', '--until', '60s', '--json']),
    sim(['run', TINY, '--seed', '1', '--json']),
    sim(['run', TINY, '--seed', '2', '--json']),
  ]);
  ['s1.json', 's2.json', 's1-again.json', 'tiny1.json', 'tiny2.json'].forEach((name, i) => writeFileSync(at(name), runs[i]!.stdout));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('sim diff', () => {
  it('two seeds of scenario-a: names the first divergent record, the one a plain comparison of their traces finds', async () => {
    const expected = naiveFirstDivergence(at('s1.ndjson'), at('s2.ndjson'));
    const r = await sim(['diff', at('s1.json'), at('s2.json'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = DiffReportSchema.parse(JSON.parse(r.stdout));
    expect(doc).toMatchObject({ identical: false, compared: 'traces', notes: [] });
    expect(doc.a).toMatchObject({ kind: 'report', scenario: 'scenario-a', seed: 1, reproduced: true });
    expect(doc.b).toMatchObject({ kind: 'report', scenario: 'scenario-a', seed: 2, reproduced: true });
    const d = doc.divergence!;
    expect(d.record).toBe(expected.record);
    const t = (rec: Record<string, unknown>) => ({ tMs: (rec.t as number) / 1000, source: rec.source, kind: rec.kind, ...(rec.data === undefined ? {} : { data: rec.data }) });
    expect(d.a[0]).toEqual({ record: expected.record, ...t(expected.a) });
    expect(d.b[0]).toEqual({ record: expected.record, ...t(expected.b) });
    expect(d.before.map((x) => x.record)).toEqual([expected.record - 3, expected.record - 2, expected.record - 1].filter((n) => n >= 1));
    expect(d.a).toHaveLength(4);
    expect(d.b).toHaveLength(4);
    expect(d.differs.length).toBeGreaterThan(0);
  });

  it('the text report says where and what, and the trace files give the same answer as the reports', async () => {
    const [reports, traces] = await Promise.all([sim(['diff', at('s1.json'), at('s2.json')]), sim(['diff', at('s1.ndjson'), at('s2.ndjson'), '--context', '1'])]);
    const { record } = naiveFirstDivergence(at('s1.ndjson'), at('s2.ndjson'));
    expect(reports.code).toBe(1);
    expect(reports.stdout).toMatch(new RegExp(`^first divergence at record ${record} \\(t=\\d+\\.(\\d{3}|\\d{6})s\\): differs in `, 'm'));
    expect(reports.stdout).toMatch(new RegExp(`^ {2}A {4}> #${record} `, 'm'));
    expect(reports.stdout).toMatch(new RegExp(`^ {2}B {4}> #${record} `, 'm'));
    expect(lines(reports.stdout).at(-1)).toBe(`result: DIFFERENT, the runs part at record ${record}`);
    expect(traces.code).toBe(1);
    expect(traces.stdout).toContain(`first divergence at record ${record} `);
    expect(lines(traces.stdout).filter((l) => l.startsWith('  same'))).toHaveLength(1);
  });

  it('the same seed from two processes: identical, exit 0', async () => {
    const [reports, traces] = await Promise.all([sim(['diff', at('s1.json'), at('s1-again.json')]), sim(['diff', at('s1.ndjson'), at('s1.ndjson'), '--json'])]);
    expect(reports.code).toBe(0);
    const records = (JSON.parse(readFileSync(at('s1.json'), 'utf8')) as { traceRecords: number }).traceRecords;
    expect(lines(reports.stdout).at(-1)).toBe(`result: IDENTICAL, ${records.toLocaleString('en-US')} trace records`);
    expect(traces.code).toBe(0);
    expect(DiffReportSchema.parse(JSON.parse(traces.stdout))).toMatchObject({ identical: true, records, divergence: null });
  });

  it('a report against a trace: the report is re-run and compared record by record', async () => {
    const [same, other] = await Promise.all([sim(['diff', at('s1.json'), at('s1.ndjson'), '--json']), sim(['diff', at('s2.ndjson'), at('s1.json'), '--json'])]);
    expect(same.code).toBe(0);
    expect(DiffReportSchema.parse(JSON.parse(same.stdout))).toMatchObject({ identical: true, a: { kind: 'report', reproduced: true }, b: { kind: 'trace' } });
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout).divergence.record).toBe(naiveFirstDivergence(at('s2.ndjson'), at('s1.ndjson')).record);
  });

  it('a report that no longer reproduces (models changed): says so and compares the recorded timelines', async () => {
    const doc = JSON.parse(readFileSync(at('s1.json'), 'utf8')) as { digest: string; timeline: { text: string }[] };
    doc.digest = '0123456789abcdef';
    doc.timeline[2]!.text = 'something else happened';
    writeFileSync(at('s1-old.json'), JSON.stringify(doc));
    const r = await sim(['diff', at('s1-old.json'), at('s1-again.json'), '--json']);
    expect(r.code).toBe(1);
    const out = DiffReportSchema.parse(JSON.parse(r.stdout));
    expect(out).toMatchObject({ identical: false, compared: 'timelines', a: { reproduced: false }, b: { reproduced: true } });
    expect(out.notes[0]).toMatch(/does not reproduce: .* not the recorded 0123456789abcdef/);
    expect(out.divergence).toMatchObject({ record: 3, differs: ['text'] });
    expect(out.divergence!.a[0]).toMatchObject({ record: 3, text: 'something else happened' });
    const original = JSON.parse(readFileSync(at('s1-again.json'), 'utf8')) as { timeline: { text: string }[] };
    expect(out.divergence!.b[0]).toMatchObject({ record: 3, text: original.timeline[2]!.text });
  });

  it('a scenario module needs --scenario, matched by id', async () => {
    const [without, withIt] = await Promise.all([sim(['diff', at('tiny1.json'), at('tiny2.json')]), sim(['diff', at('tiny1.json'), at('tiny2.json'), '--scenario', TINY, '--json'])]);
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/^sim: diff: ".*tiny1\.json" is a run of scenario "tiny", which is not built in: give its module with --scenario PATH\n$/);
    expect(withIt.code).toBe(1);
    expect(DiffReportSchema.parse(JSON.parse(withIt.stdout)).divergence).not.toBeNull();
  });

  it('sim diff --help and sim help diff print the usage; the main help lists diff', async () => {
    const [own, viaHelp, main] = await Promise.all([sim(['diff', '--help']), sim(['help', 'diff']), sim(['--help'])]);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/^Usage: sim diff A B \[options\]/);
    expect(viaHelp.stdout).toBe(own.stdout);
    expect(main.stdout).toContain('sim diff A B');
    expect(main.stdout).toContain('--verify-determinism');
  });

  it('bad input: one line naming the file and what is wrong, exit 2, nothing on stdout', async () => {
    writeFileSync(at('not-json.txt'), 'hello\n');
    writeFileSync(at('other.json'), '{"failsim": 1, "scenarios": []}');
    writeFileSync(at('broken.ndjson'), `${readFileSync(at('s1.ndjson'), 'utf8').split('\n').slice(0, 3).join('\n')}\n{"t":5,"source":"x"\n`);
    writeFileSync(at('empty.json'), '');
    const cases: [string[], RegExp][] = [
      [['diff', at('missing.json'), at('s1.json')], /diff: ".*missing\.json": no such file or directory/],
      [['diff', at('not-json.txt'), at('s1.json')], /diff: ".*not-json\.txt": neither a JSON document nor a trace file/],
      [['diff', at('other.json'), at('s1.json')], /diff: ".*other\.json": not a sim run --json report \(scenario: /],
      [['diff', at('empty.json'), at('s1.json')], /diff: ".*empty\.json": empty file/],
      [['diff', at('broken.ndjson'), at('s2.ndjson')], /diff: ".*broken\.ndjson" line 4: not a trace record/],
      [['diff', at('s1.json')], /diff: expected two files .* got 1/],
      [['diff', at('s1.json'), at('s2.json'), '--context', 'x'], /--context "x": expected an integer from 0 to 1000/],
    ];
    const results = await Promise.all(cases.map(([args]) => sim(args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(cases[i]![1]);
    });
  });
});
