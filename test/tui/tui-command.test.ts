import { beforeAll, describe, expect, it } from 'vitest';
import { tuiCommand } from '../../src/cli/commands/tui.js';
import { ensureBuilt, lines, sim } from '../cli/sim.js';

beforeAll(ensureBuilt);

function io() {
  const out: string[] = [];
  return { out, io: { out: (t: string) => { out.push(t); }, err: () => {}, env: {}, stdoutIsTTY: false } };
}

describe('sim tui', () => {
  it('without a terminal exits 2 with one line that points to sim run', async () => {
    const r = await sim(['tui', 'scenario-a', '--seed', '7']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual(['sim: tui: needs an interactive terminal (stdin and stdout must be a TTY); for a report without one use `sim run scenario-a --seed 7`']);
  });

  it('checks the terminal before anything is drawn, whichever side is not a TTY', async () => {
    for (const terminal of [{ stdin: false, stdout: true }, { stdin: true, stdout: false }]) {
      const { io: o, out } = io();
      await expect(tuiCommand([], o, process.cwd(), terminal)).rejects.toThrow(/needs an interactive terminal/);
      expect(out).toEqual([]);
    }
  });

  it('rejects bad arguments with one line, and prints its help', async () => {
    expect((await sim(['tui', 'scenario-a', '--charset', 'emoji'])).stderr).toBe('sim: tui: --charset "emoji": expected one of braille, block, ascii\n');
    expect((await sim(['tui', '--set', 'ttlMs=1'])).stderr).toBe('sim: tui: --set needs a scenario (sim tui <scenario> --set key=value)\n');
    const help = await sim(['help', 'tui']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: sim tui [scenario] [options]');
    expect((await sim(['--help'])).stdout).toContain('sim tui [scenario]');
  });
});
