/** The text and JSON reports as pure functions of a run's result. */
import { describe, expect, it } from 'vitest';
import { runScenario, resolveParams, type RunResult } from 'failsim';
import { formatMetric, formatNumber, shellQuote } from '../../src/report/format.js';
import { jsonReport, formatJson } from '../../src/report/json.js';
import { JsonReportSchema } from '../../src/report/json-schema.js';
import { ansiPalette } from '../../src/report/palette.js';
import { replayCommand } from '../../src/report/replay.js';
import { textReport, verdict } from '../../src/report/text.js';
import tiny from '../fixtures/tiny-scenario.js';

const passing = runScenario(tiny, { seed: 1 });
const failing = runScenario(tiny, { seed: 1, params: { restartDelayMs: 20_000 } });
const defaults = resolveParams(tiny.params, {});
const options = { source: tiny.source, metricInfo: tiny.metricInfo, defaults };

/** A hand-made result, for the cases a real run does not easily produce. */
function result(over: Partial<RunResult> = {}): RunResult {
  return {
    scenario: 'demo', title: 'Demo', seed: 0, params: {}, untilMs: 1000, faults: [], digest: '0123456789abcdef',
    events: 1234567, traceRecords: 12, metrics: {}, claims: [], timeline: [], notes: [], invariants: [], coverage: { faults: {}, reached: {} }, ...over,
  };
}

describe('textReport', () => {
  it('has header, timeline, impact, claims, digest and verdict, in that order', () => {
    const text = textReport(passing, { ...options, replay: 'sim run tiny --seed 1' });
    const order = ['tiny  One server crashes and restarts', '  source   test fixture (no document)', '  seed     1', '  horizon  60.000s',
      '  params   restartDelayMs=5000', '  faults   10.000s server crash', 'timeline', 'impact', 'claims', 'digest ', 'replay: sim run tiny --seed 1', 'result: PASS'];
    let at = -1;
    for (const part of order) {
      const i = text.indexOf(part);
      expect(i, part).toBeGreaterThan(at);
      at = i;
    }
    expect(text).not.toContain('notes');
  });

  it('formats timeline times as seconds and metrics by unit', () => {
    const text = textReport(passing, options);
    expect(text).toMatch(/^ {2}10\.000s {2}server {2}server crash$/m);
    expect(text).toMatch(/^ {2}Server downtime +5\.4s$/m);
    expect(text).toMatch(/^ {2}Availability +\d+\.\d+%$/m);
    expect(text).toMatch(/^ {2}Requests +61$/m);
  });

  it('marks changed parameters, shows notes and failing claims', () => {
    const text = textReport(failing, options);
    expect(text).toContain('restartDelayMs=20000*');
    expect(text).not.toContain('requestIntervalMs=1000*');
    expect(text).toContain('notes\n  ! restartDelayMs (20000) alone exceeds maxDowntimeMs (10000)');
    expect(text).toMatch(/FAIL {2}downtime stays under maxDowntimeMs: downtime \d+(\.\d+)?ms, limit 10000ms\n {8}fixture claim 1/);
    expect(text.endsWith('result: FAIL, 1 of 1 claim failed\n')).toBe(true);
  });

  it('is pure: the same input gives the same text', () => {
    expect(textReport(passing, options)).toBe(textReport(runScenario(tiny, { seed: 1 }), options));
  });

  it('colours only through the palette', () => {
    const plain = textReport(failing, options);
    const coloured = textReport(failing, { ...options, palette: ansiPalette });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('shows n/a for NaN metrics, groups digits and cuts a long timeline', () => {
    const timeline = Array.from({ length: 5 }, (_, i) => ({ tMs: i * 1000, source: 'x', kind: 'k', text: `event ${i}` }));
    const text = textReport(result({ metrics: { p99Ms: NaN, big: 1234567 }, timeline }), { metricInfo: { p99Ms: { label: 'p99', unit: 'ms' } }, timelineLimit: 3 });
    expect(text).toMatch(/^ {2}p99 +n\/a$/m);
    expect(text).toMatch(/^ {2}big +1,234,567$/m);
    expect(text).toContain('event 2');
    expect(text).not.toContain('event 3');
    expect(text).toContain('... 2 more');
    expect(text).toContain('events 1,234,567');
    expect(text).toContain('faults   none');
    expect(text).toContain('result: no claims to check');
  });
});

describe('verdict', () => {
  it('counts claims', () => {
    const claim = (pass: boolean) => ({ name: 'c', pass, detail: '' });
    expect(verdict({ claims: [claim(true), claim(true)] })).toBe('result: PASS, all 2 claims held');
    expect(verdict({ claims: [claim(true), claim(false), claim(false)] })).toBe('result: FAIL, 2 of 3 claims failed');
  });
});

describe('formatMetric', () => {
  it.each([
    [850, 'ms', '850ms'], [31_234, 'ms', '31.2s'], [245_000, 'ms', '4m05s'], [99.5, 'percent', '99.5%'], [0.12345, 'percent', '0.12%'],
    [0.99567, 'ratio', '0.9957'], [12345, 'count', '12,345'], [1536, 'bytes', '1.5 KiB'], [512, 'bytes', '512 B'], [12.34, 'per_s', '12.3/s'],
    [NaN, 'ms', 'n/a'], [Infinity, 'count', '∞'], [1.5, undefined, '1.5'], [-1234.5678, undefined, '-1,234.568'],
  ] as const)('%d %s -> %s', (v, unit, text) => {
    expect(formatMetric(v, unit)).toBe(text);
  });
  it('formats plain numbers without locale', () => {
    expect(formatNumber(1e21)).toBe('1e+21');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });
});

describe('replayCommand', () => {
  it('lists only parameters that differ from the defaults, quoted for the shell', () => {
    const cmd = replayCommand({ scenario: 'examples/x.ts', seed: 5, params: { a: 1, b: 'two words', c: true }, defaults: { a: 1, b: 'x', c: false }, faultsFile: 'my faults.json', until: '3m' });
    expect(cmd).toBe("sim run examples/x.ts --seed 5 --set 'b=two words' --set c=true --faults 'my faults.json' --until 3m");
  });
  it('without defaults lists every parameter', () => {
    expect(replayCommand({ scenario: 's', seed: 0, params: { a: 1 } })).toBe('sim run s --seed 0 --set a=1');
  });
  it('quotes single quotes', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe('jsonReport', () => {
  it('matches the schema and says whether every claim held', () => {
    expect(JsonReportSchema.parse(jsonReport(passing, tiny.source)).ok).toBe(true);
    expect(JsonReportSchema.parse(jsonReport(failing, tiny.source)).ok).toBe(false);
  });

  it('turns NaN and Infinity metrics into null', () => {
    const doc = jsonReport(result({ metrics: { a: NaN, b: Infinity, c: -Infinity, d: 1.5 } }), 'src');
    expect(doc.metrics).toEqual({ a: null, b: null, c: null, d: 1.5 });
    expect(JSON.parse(formatJson(doc)).metrics).toEqual({ a: null, b: null, c: null, d: 1.5 });
    expect(JsonReportSchema.safeParse(doc).success).toBe(true);
  });

  it('keeps the claim source only when there is one', () => {
    const doc = jsonReport(result({ claims: [{ name: 'a', pass: true, detail: 'd' }, { name: 'b', pass: false, detail: 'e', source: 's' }] }), 'src');
    expect(doc.claims).toEqual([{ name: 'a', pass: true, verdict: 'pass', detail: 'd' }, { name: 'b', pass: false, verdict: 'fail', detail: 'e', source: 's' }]);
    expect(doc.ok).toBe(false);
  });

  it('has exactly the documented fields, in a fixed order', () => {
    expect(Object.keys(jsonReport(passing, tiny.source))).toEqual(['failsim', 'scenario', 'title', 'source', 'seed', 'params', 'untilMs', 'faults', 'digest', 'events', 'traceRecords', 'metrics', 'claims', 'timeline', 'notes', 'ok', 'invariants', 'coverage']);
  });
});

describe('run reports: invariants and coverage', () => {
  it('the JSON and text reports carry every invariant verdict and what fired; a violation fails the run', () => {
    const broken = result({
      invariants: [
        { name: 'no acknowledged write lost', kind: 'always', pass: false, detail: '2 of 10 missing', atMs: 61_000 },
        { name: 'one writable primary after the faults', kind: 'eventually', pass: true, detail: 'pg-1 is the one writable primary' },
      ],
      coverage: { faults: { 'node-crash': 1 }, reached: { 'a leader race happened': 2, 'an old primary was rewound': 0 } },
    });
    const doc = JsonReportSchema.parse(jsonReport(broken, 'src'));
    expect(doc.ok).toBe(false);
    expect(doc.invariants[0]).toEqual({ name: 'no acknowledged write lost', kind: 'always', pass: false, verdict: 'fail', detail: '2 of 10 missing', atMs: 61_000 });
    expect(doc.coverage).toEqual({ faults: { 'node-crash': 1 }, reached: { 'a leader race happened': 2, 'an old primary was rewound': 0 } });
    const text = textReport(broken);
    expect(text).toContain('  FAIL  no acknowledged write lost (always): 2 of 10 missing\n');
    expect(text).toContain('  faults fired  node-crash x1\n');
    expect(text).toContain('  reached       a leader race happened\n');
    expect(text.trimEnd().split('\n').pop()).toMatch(/^result: FAIL, .*1 of 2 invariants violated$/);
  });
});
