/**
 * The lazy catalogue (src/io/catalogue.ts) is data written by hand next to
 * the scenario modules it loads: these tests keep the two equal, so a
 * scenario added, renamed or retitled without its entry fails here.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/io/catalogue.js';
import { scenarioProblems } from '../../src/io/load-scenario.js';
import { scenarios } from '../../scenarios/index.js';

const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

/** The .ts files directly inside each system folder (scenarios/<system>/*.ts): where scenario modules live. */
function systemFiles(): string[] {
  return readdirSync(SCENARIOS_DIR)
    .filter((d) => statSync(join(SCENARIOS_DIR, d)).isDirectory())
    .flatMap((d) => readdirSync(join(SCENARIOS_DIR, d)).filter((f) => f.endsWith('.ts')).map((f) => join(SCENARIOS_DIR, d, f)));
}

describe('the scenario catalogue', () => {
  it('lists the scenarios of scenarios/index.ts, in the same order', () => {
    expect(CATALOGUE.map((e) => e.id)).toEqual(scenarios.map((s) => s.id));
  });

  it('says of each scenario what its module says: id, title, source, whether it has a fault space, its system folder', async () => {
    for (const entry of CATALOGUE) {
      const s = await entry.load();
      expect({ id: entry.id, title: entry.title, source: entry.source, checkable: entry.checkable }).toEqual({ id: s.id, title: s.title, source: s.source, checkable: s.faultSpace !== undefined });
      expect(existsSync(join(SCENARIOS_DIR, entry.system))).toBe(true);
      expect(entry.load.toString()).toContain(`scenarios/${entry.system}/`);
      expect(s).toBe(scenarios.find((x) => x.id === entry.id));
    }
  });

  it('has an entry for every scenario module in a system folder', async () => {
    const found: string[] = [];
    for (const file of systemFiles()) {
      const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
      if (mod.default !== undefined && scenarioProblems(mod.default).length === 0) found.push((mod.default as { id: string }).id);
    }
    expect(found.sort()).toEqual(CATALOGUE.map((e) => e.id).sort());
  });
});
