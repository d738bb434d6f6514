/** `sim check --workers K`: the built binary; the report is the same for any K, and a bad K is one line and exit 2. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, sim } from './sim.js';

beforeAll(ensureBuilt);

describe('sim check --workers', () => {
  it('one worker and two give the same JSON report', async () => {
    const args = ['check', 'patterns-breaker-states', '--runs', '12', '--json'];
    const [one, two] = await Promise.all([sim([...args, '-j', '1']), sim([...args, '--workers', '2'])]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(JSON.parse(one.stdout)).toEqual(JSON.parse(two.stdout));
  });

  it('refuses a K that is not a positive integer, in one line, before running anything', async () => {
    const r = await sim(['check', 'patterns-breaker-states', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('sim: --workers "0": expected a positive integer\n');
  });
});
