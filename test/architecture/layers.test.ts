import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph, readSourceTree, type ImportEdge } from './import-graph.js';
import { folderOf, importCycles, layerOf, layerViolations } from './layers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const graphOf = (files: Record<string, string>): ImportEdge[] => importGraph(new Map(Object.entries(files)));

describe('the layer checker (in-memory graphs)', () => {
  it('reports a kernel file that imports the CLI, by layer, file and line', () => {
    const edges = graphOf({
      'src/kernel/time.ts': "// import '../cli/help.js' in a comment is not an import\nconst s = \"import '../cli/x.js'\";\nimport { EXIT } from '../cli/exit-codes.js';",
      'src/cli/exit-codes.ts': 'export const EXIT = {};',
    });
    expect(layerViolations(edges)).toEqual(['kernel -> cli at src/kernel/time.ts:3 (../cli/exit-codes.js)']);
  });

  it('sees type-only, re-export, typeof import() and dynamic imports', () => {
    const edges = graphOf({
      'src/runner/a.ts': [
        "import type { X } from '../stats/x.js';",
        "export { Y } from '../sweep/y.js';",
        "type Z = typeof import('../tui/z.js');",
        "const later = () => import('../cli/w.js');",
        'const computed = (m: string) => import(m);',
      ].join('\n'),
      'src/stats/x.ts': '', 'src/sweep/y.ts': '', 'src/tui/z.ts': '', 'src/cli/w.ts': '',
    });
    expect(edges.map((e) => [e.line, e.typeOnly, e.dynamic])).toEqual([[1, true, false], [2, false, false], [3, true, false], [4, false, true], [5, false, true]]);
    expect(layerViolations(edges)).toEqual([
      'runner -> stats at src/runner/a.ts:1 (../stats/x.js)',
      'runner -> sweep at src/runner/a.ts:2 (../sweep/y.js)',
      'runner -> tui at src/runner/a.ts:3 (../tui/z.js)',
      'runner -> cli at src/runner/a.ts:4 (../cli/w.js)',
      'runner -> computed import() at src/runner/a.ts:5',
    ]);
  });

  it('checks packages per layer: no node:* in models, zod only as a type in the kernel', () => {
    const edges = graphOf({
      'models/x/a.ts': "import { readFileSync } from 'fs';\nimport { z } from 'zod';",
      'src/kernel/b.ts': "import type { ZodType } from 'zod';\nimport { z } from 'zod';",
    });
    expect(layerViolations(edges)).toEqual(['models -> package node:fs at models/x/a.ts:1', 'kernel -> package zod at src/kernel/b.ts:2']);
  });

  it('reports an import that resolves to no file, and a file in no layer', () => {
    const edges = graphOf({ 'src/runner/a.ts': "import { x } from './missing.js';", 'lib/b.ts': "import { y } from '../src/runner/a.js';" });
    expect(layerViolations(edges)).toEqual(['src/runner/a.ts:1: "./missing.js" does not resolve to a file', 'lib/b.ts:1: file is in no layer (add its folder to LAYERS)']);
  });

  it('lets scenarios reach the kernel only through src/scenario/index.ts', () => {
    const edges = graphOf({
      'scenarios/sys/a.ts': "import { ms } from '../../src/kernel/time.js';\nimport { sec } from '../../src/scenario/index.js';",
      'src/kernel/time.ts': '', 'src/scenario/index.ts': "export { sec } from '../kernel/time.js';",
    });
    expect(layerViolations(edges)).toEqual(['scenarios -> kernel at scenarios/sys/a.ts:1 (../../src/kernel/time.js)']);
  });

  it('finds a two-file cycle, type-only edges included, and shows its edges', () => {
    const edges = graphOf({
      'src/runner/a.ts': "import { b } from './b.js';",
      'src/runner/b.ts': "import type { A } from './a.js';",
      'src/runner/c.ts': "import { b } from './b.js';",
    });
    expect(importCycles(edges)).toEqual(['cycle through 2: src/runner/a.ts, src/runner/b.ts\n  src/runner/a.ts:1 -> src/runner/b.ts\n  src/runner/b.ts:1 -> src/runner/a.ts']);
  });

  it('finds a cycle between folders that no file cycle shows', () => {
    const edges = graphOf({
      'src/report/a.ts': "import '../diff/b.js';",
      'src/diff/c.ts': "import '../report/d.js';",
      'src/diff/b.ts': '', 'src/report/d.ts': '',
    });
    expect(importCycles(edges)).toEqual([]);
    expect(importCycles(edges, folderOf)).toEqual(['cycle through 2: src/diff, src/report\n  src/diff/c.ts:1 -> src/report/d.ts\n  src/report/a.ts:1 -> src/diff/b.ts']);
  });
});

describe('failsim itself', () => {
  const files = readSourceTree(ROOT, ['src', 'models', 'scenarios', 'examples']);
  const edges = importGraph(files, (f) => files.has(f) || existsSync(join(ROOT, f)));

  it('puts every source file in a layer', () => {
    expect([...files.keys()].filter((f) => layerOf(f) === undefined)).toEqual([]);
  });

  it('keeps every import inside the layer rules', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(layerViolations(edges)).toEqual([]);
  });

  it('has no import cycle between files (dynamic and type-only imports included)', () => {
    expect(importCycles(edges)).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    expect(importCycles(edges, folderOf)).toEqual([]);
  });
});
