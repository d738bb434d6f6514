import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEY = /\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('model sources', () => {
  it('every citation key used in the code is listed in models/REFERENCES.md', () => {
    const listed = new Set([...readFileSync(join(ROOT, 'models/REFERENCES.md'), 'utf8').matchAll(KEY)].map((m) => m[1]));
    const used = new Map<string, string>();
    for (const dir of ['models', 'scenarios', 'src']) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        for (const m of readFileSync(file, 'utf8').matchAll(KEY)) if (!used.has(m[1]!)) used.set(m[1]!, file.slice(ROOT.length));
      }
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter(([key]) => !listed.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
