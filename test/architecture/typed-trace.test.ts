import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every model writes to the trace through its declared events
 * (`sim.trace.typed<XEvents>().emit` or a `TypedTrace<XEvents>` field), so a
 * record whose kind or data the declaration does not allow fails to compile,
 * and observers, checkers and timelines match kinds that exist.
 */
describe('typed trace events', () => {
  it('no model or scenario emits through the untyped sim.trace.emit', () => {
    const untyped: string[] = [];
    for (const dir of ['models', 'scenarios']) {
      for (const file of tsFiles(join(ROOT, dir))) {
        readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
          if (/\bsim\.trace\.emit\(/.test(line)) untyped.push(`${file.slice(ROOT.length)}:${i + 1}`);
        });
      }
    }
    expect(untyped).toEqual([]);
  });
});
