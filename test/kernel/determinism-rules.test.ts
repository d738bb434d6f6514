import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Simulation code must be a pure function of (seed, inputs): no wall clock, no
 * host timers, no Math.random, no asynchrony (a Promise's continuation runs
 * outside the event queue, in an order the simulation does not control).
 */
const FORBIDDEN: readonly { name: string; re: RegExp }[] = [
  { name: 'Date.now', re: /\bDate\s*\.\s*now\b/ },
  { name: 'performance.now', re: /\bperformance\s*\.\s*now\b/ },
  { name: 'setTimeout', re: /\bsetTimeout\b/ },
  { name: 'setInterval', re: /\bsetInterval\b/ },
  { name: 'setImmediate', re: /\bsetImmediate\b/ },
  { name: 'Math.random', re: /\bMath\s*\.\s*random\b/ },
  { name: 'Promise', re: /\bPromise\b/ },
  { name: 'async', re: /\basync\b/ },
  { name: 'await', re: /\bawait\b/ },
];

const CHECKED_DIRS = ['src/kernel', 'models', 'scenarios'];

/**
 * Blanks out comments, keeping newlines so line numbers hold. Strings are
 * kept and checked too: the rule is a plain word rule anyone can grep for,
 * so simulation code does not spell these words even as data (a parameter
 * value, a trace kind). Strings and templates are still scanned as such, so
 * a `//` inside one does not start a comment; regex literals are skipped so
 * a quote inside one does not open a string.
 */
export function stripComments(src: string): string {
  let out = '';
  let i = 0;
  const n = src.length;
  const blank = (ch: string) => (ch === '\n' ? '\n' : ' ');
  // The last significant code character, to tell a regex literal from a division.
  let prev = '';

  const quoted = (q: string): void => {
    out += q;
    i++;
    while (i < n && src[i] !== q && src[i] !== '\n') {
      if (src[i] === '\\' && i + 1 < n && src[i + 1] !== '\n') { out += src[i]! + src[i + 1]!; i += 2; continue; }
      out += src[i]!;
      i++;
    }
    if (i < n && src[i] === q) { out += q; i++; }
  };

  const regex = (): void => {
    out += '/';
    i++;
    let inClass = false;
    while (i < n && src[i] !== '\n') {
      const ch = src[i]!;
      if (ch === '\\' && i + 1 < n) { out += '  '; i += 2; continue; }
      if (ch === '[') inClass = true;
      else if (ch === ']') inClass = false;
      else if (ch === '/' && !inClass) break;
      out += ' ';
      i++;
    }
    if (i < n && src[i] === '/') { out += '/'; i++; }
  };

  // Scans code; returns at an unmatched '}' when inside a template's ${...}.
  const code = (inTemplate: boolean): void => {
    let depth = 0;
    while (i < n) {
      const c = src[i]!, d = src[i + 1];
      if (c === '/' && d === '/') {
        while (i < n && src[i] !== '\n') { out += ' '; i++; }
      } else if (c === '/' && d === '*') {
        out += '  ';
        i += 2;
        while (i < n && !(src[i] === '*' && src[i + 1] === '/')) { out += blank(src[i]!); i++; }
        if (i < n) { out += '  '; i += 2; }
      } else if (c === '"' || c === "'") {
        quoted(c);
        prev = 'a';
      } else if (c === '`') {
        template();
        prev = 'a';
      } else if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || /\b(return|typeof|case|of|in)$/.test(out.trimEnd()))) {
        regex();
        prev = 'a';
      } else {
        if (c === '{') depth++;
        if (c === '}') {
          if (inTemplate && depth === 0) return;
          depth--;
        }
        out += c;
        if (!/\s/.test(c)) prev = c;
        i++;
      }
    }
  };

  function template(): void {
    out += '`';
    i++;
    while (i < n && src[i] !== '`') {
      if (src[i] === '\\' && i + 1 < n) { out += src[i]! + src[i + 1]!; i += 2; continue; }
      if (src[i] === '$' && src[i + 1] === '{') {
        out += '${';
        i += 2;
        code(true);
        if (i < n) { out += '}'; i++; }
        continue;
      }
      out += src[i]!;
      i++;
    }
    if (i < n) { out += '`'; i++; }
  }

  code(false);
  return out;
}

export interface Offence { line: number; name: string; text: string }

/** Every forbidden construct outside comments, with its 1-based line. */
export function findOffences(src: string): Offence[] {
  const offences: Offence[] = [];
  const original = src.split('\n');
  stripComments(src).split('\n').forEach((line, idx) => {
    for (const f of FORBIDDEN) {
      if (f.re.test(line)) offences.push({ line: idx + 1, name: f.name, text: original[idx]!.trim() });
    }
  });
  return offences;
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return []; // a directory that does not exist yet has nothing to check
  }
  const files: string[] = [];
  for (const name of entries.sort()) {
    if (name === 'node_modules') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(name)) files.push(full);
  }
  return files;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('determinism rules', () => {
  it('the checker catches what it must, and ignores comments', () => {
    expect(findOffences('const x = Math.random();').map((o) => o.name)).toEqual(['Math.random']);
    expect(findOffences('a();\nconst t = Date.now();\n')).toEqual([{ line: 2, name: 'Date.now', text: 'const t = Date.now();' }]);
    expect(findOffences('async function f() { await g(); }').map((o) => o.name)).toEqual(['async', 'await']);
    expect(findOffences('new Promise((r) => setTimeout(r, 1));').map((o) => o.name)).toEqual(['setTimeout', 'Promise']);
    expect(findOffences('setImmediate(f); setInterval(f, 1); performance.now();').map((o) => o.name).sort())
      .toEqual(['performance.now', 'setImmediate', 'setInterval']);
    // A string containing // is not a comment: what follows it is still code.
    expect(findOffences("const u = 'http://example'; Math.random();").map((o) => o.name)).toEqual(['Math.random']);
    expect(findOffences('const u = `a//b ${1}`; Date.now();').map((o) => o.name)).toEqual(['Date.now']);
    // Words inside strings and templates count too: the rule is a plain word rule.
    expect(findOffences("z.enum(['sync', 'async']);").map((o) => o.name)).toEqual(['async']);
    expect(findOffences("const s = \"await Promise\";").map((o) => o.name)).toEqual(['Promise', 'await']);
    expect(findOffences('const s = `quiet ${Math.random()} ${`inner ${Date.now()}`} text`;').map((o) => o.name)).toEqual(['Date.now', 'Math.random']);
    expect(findOffences("const s = 'it\\'s // not a comment'; setTimeout(f);").map((o) => o.name)).toEqual(['setTimeout']);
    expect(findOffences("z.enum(['sync', 'asynchronous']);")).toEqual([]);
    // A quote or // inside a regex literal opens nothing; division is not a regex.
    expect(findOffences("const re = /['\"]\\/\\//g; Math.random();").map((o) => o.name)).toEqual(['Math.random']);
    expect(findOffences('const half = a / 2; const q = b / c; Math.random();').map((o) => o.name)).toEqual(['Math.random']);
    expect(findOffences('const u = `${a}/${b}`; await x;').map((o) => o.name)).toEqual(['await']);
    // Comments are ignored, line numbers survive block comments.
    expect(findOffences('// Math.random() here is fine\n/* setTimeout\n await */ ok();\nx(); // Date.now()')).toEqual([]);
    expect(findOffences('/*\n\n*/\n\nawait x;')).toEqual([{ line: 5, name: 'await', text: 'await x;' }]);
    // Word boundaries: names that merely contain a keyword are fine.
    expect(findOffences('const asyncish = 1; awaiting(); myPromiseLike(); const setTimeoutMs = 5;')).toEqual([]);
  });

  it('src/kernel, models and scenarios use no wall clock, host timers, Math.random or async code', () => {
    const files = CHECKED_DIRS.flatMap((d) => sourceFiles(path.resolve(repoRoot, d)));
    expect(files.some((f) => f.includes(`${path.sep}kernel${path.sep}`))).toBe(true); // the walk found the kernel
    const report: string[] = [];
    for (const file of files) {
      for (const o of findOffences(readFileSync(file, 'utf8'))) {
        report.push(`${path.relative(repoRoot, file)}:${o.line}: ${o.name}: ${o.text}`);
      }
    }
    expect(report, `forbidden in simulation code:\n${report.join('\n')}`).toEqual([]);
  });

  it('no host-timer or wall-clock name appears in simulation code at all, not even inside a longer name or a comment', () => {
    // Stricter than the word rule above: a reader (or a grep in review) cannot tell `resetTimeoutMs` from a host timer.
    const names = /setTimeout|setInterval|setImmediate|Date\.now|performance\.now|Math\.random/;
    const report: string[] = [];
    for (const file of CHECKED_DIRS.flatMap((d) => sourceFiles(path.resolve(repoRoot, d)))) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => { if (names.test(line)) report.push(`${path.relative(repoRoot, file)}:${i + 1}: ${line.trim()}`); });
    }
    expect(report, `host-timer names in simulation code:\n${report.join('\n')}`).toEqual([]);
  });
});
