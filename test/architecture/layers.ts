/**
 * failsim's layers, as data, and the checks over an import graph: which
 * layer may import which, which packages each may use, and no cycles
 * between files or between folders. README "Architecture" draws this table.
 */
import { NON_LITERAL, type ImportEdge } from './import-graph.js';
import { cyclicComponents } from './tarjan.js';

export interface Layer {
  readonly name: string;
  /** A file belongs to the first layer whose prefix it starts with (or equals). */
  readonly prefix: string;
  /** Other layers it may import (a layer may always import itself). */
  readonly imports: readonly string[];
  /** Packages it may import; `node:*` stands for every Node built-in, `*` for any package. */
  readonly packages: readonly string[];
  /** Packages it may import only with `import type`. */
  readonly typePackages?: readonly string[];
  /** Layers it may reach only with a dynamic `import()` (loaded on demand). */
  readonly loads?: readonly string[];
  /** May call `import()` on a computed specifier (a user's own module). */
  readonly importsComputed?: boolean;
}

const SRC_BELOW_CLI = ['kernel', 'scenario-api', 'records', 'runner', 'report', 'diff', 'stats', 'check', 'io', 'sweep', 'tui'];

export const LAYERS: readonly Layer[] = [
  { name: 'kernel', prefix: 'src/kernel/', imports: [], packages: ['seedrandom'], typePackages: ['zod'] },
  { name: 'models', prefix: 'models/', imports: ['kernel'], packages: ['zod'] },
  { name: 'scenario-api', prefix: 'src/scenario/', imports: ['kernel'], packages: ['zod'] },
  { name: 'records', prefix: 'src/records/', imports: ['scenario-api'], packages: [] },
  { name: 'runner', prefix: 'src/runner/', imports: ['kernel', 'scenario-api'], packages: ['zod'] },
  { name: 'report', prefix: 'src/report/', imports: ['kernel', 'scenario-api', 'runner'], packages: ['zod'] },
  { name: 'diff', prefix: 'src/diff/', imports: ['kernel', 'scenario-api', 'runner', 'report', 'records'], packages: ['zod', 'node:*'] },
  { name: 'stats', prefix: 'src/stats/', imports: ['kernel', 'scenario-api', 'records', 'report'], packages: ['zod'] },
  { name: 'check', prefix: 'src/check/', imports: ['kernel', 'scenario-api', 'runner', 'report'], packages: ['fast-check', 'zod'] },
  { name: 'io', prefix: 'src/io/', imports: ['kernel', 'scenario-api', 'runner'], packages: ['tsx', 'node:*'], loads: ['scenarios'], importsComputed: true },
  { name: 'sweep', prefix: 'src/sweep/', imports: ['kernel', 'scenario-api', 'runner', 'records', 'io'], packages: ['zod', 'node:*'] },
  { name: 'tui', prefix: 'src/tui/', imports: ['kernel', 'scenario-api', 'runner', 'report', 'io', 'stats'], packages: ['ink', 'react', 'd3-scale', 'node:*'] },
  { name: 'cli', prefix: 'src/cli/', imports: SRC_BELOW_CLI, packages: ['*'], importsComputed: true },
  { name: 'api', prefix: 'src/index.ts', imports: ['kernel', 'models', 'scenario-api', 'records', 'runner', 'report', 'diff', 'stats', 'check', 'sweep'], packages: ['zod', 'fast-check'] },
  // The kernel pieces a scenario needs come through src/scenario/index.ts (part of scenario-api).
  { name: 'scenarios', prefix: 'scenarios/', imports: ['models', 'scenario-api'], packages: ['zod'] },
  { name: 'examples', prefix: 'examples/', imports: [], packages: ['failsim', 'zod', 'vitest', 'fast-check'] },
];

export function layerOf(file: string): Layer | undefined {
  return LAYERS.find((l) => file === l.prefix || (l.prefix.endsWith('/') && file.startsWith(l.prefix)));
}

function packageAllowed(layer: Layer, pkg: string, typeOnly: boolean): boolean {
  const ok = (list: readonly string[]) => list.some((p) => p === '*' || p === pkg || (p === 'node:*' && pkg.startsWith('node:')));
  return ok(layer.packages) || (typeOnly && ok(layer.typePackages ?? []));
}

/** Why `edge` breaks the rules, or null if it does not. */
export function edgeProblem(edge: ImportEdge): string | null {
  const from = layerOf(edge.from);
  const at = `${edge.from}:${edge.line}`;
  if (!from) return `${at}: file is in no layer (add its folder to LAYERS)`;
  if (edge.spec === NON_LITERAL) return from.importsComputed ? null : `${from.name} -> computed import() at ${at}`;
  if (edge.target === null) return `${at}: "${edge.spec}" does not resolve to a file`;
  if (!edge.spec.startsWith('.')) {
    return packageAllowed(from, edge.target, edge.typeOnly) ? null : `${from.name} -> package ${edge.target} at ${at}`;
  }
  const to = layerOf(edge.target);
  if (!to) return `${at}: "${edge.spec}" is in no layer`;
  if (to === from || from.imports.includes(to.name)) return null;
  if (edge.dynamic && from.loads?.includes(to.name)) return null;
  return `${from.name} -> ${to.name} at ${at} (${edge.spec})`;
}

export function layerViolations(edges: readonly ImportEdge[]): string[] {
  return edges.map(edgeProblem).filter((p): p is string => p !== null);
}

/** The folder a file counts in for folder cycles: `src/<dir>`, `models/<dir>`, `scenarios/<dir>`, else its own folder. */
export function folderOf(file: string): string {
  const m = /^((?:src|models|scenarios)\/[^/]+)\//.exec(file);
  return m ? m[1]! : file.slice(0, Math.max(0, file.lastIndexOf('/'))) || '.';
}

/** The shortest path from `start` back to itself inside `members` (breadth-first), as its nodes, `start` at both ends. */
function shortestCycle(start: string, members: ReadonlySet<string>, adjacency: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of adjacency.get(v) ?? []) {
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(prev.get(path[0]!)!);
        return [...path, start];
      }
      if (members.has(w) && !prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/**
 * Every import cycle among the nodes `nodeOf` maps files to: its members,
 * and one shortest loop through them shown as an import per hop
 * (`from:line -> to`), which is where to cut it.
 */
export function importCycles(edges: readonly ImportEdge[], nodeOf: (file: string) => string = (f) => f): string[] {
  // Edges inside one node do not count, except a file importing itself.
  const crossing = edges.filter((e) => e.target !== null && e.spec.startsWith('.') && (nodeOf(e.from) !== nodeOf(e.target) || e.from === e.target));
  const adjacency = new Map<string, Set<string>>();
  for (const e of crossing) {
    const a = nodeOf(e.from);
    if (!adjacency.has(a)) adjacency.set(a, new Set());
    adjacency.get(a)!.add(nodeOf(e.target!));
  }
  return cyclicComponents(adjacency).map((component) => {
    const loop = shortestCycle(component[0]!, new Set(component), adjacency);
    const hops = loop.slice(1).map((to, i) => crossing.find((e) => nodeOf(e.from) === loop[i] && nodeOf(e.target!) === to)!);
    return `cycle through ${component.length === 1 ? component[0] : `${component.length}: ${component.join(', ')}`}\n${hops.map((e) => `  ${e.from}:${e.line} -> ${e.target}`).join('\n')}`;
  });
}
