import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/sim.js';

/** The scripted real-terminal check (test/tui/tmux-check.sh), when tmux is installed. */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

describe.skipIf(!hasTmux)('sim tui in a real terminal (tmux, 80x24)', () => {
  beforeAll(ensureBuilt);

  it('opens, steps, jumps, injects a fault, rewinds, resizes, quits and writes a replayable faults file', () => {
    // The script's own output (the failed step and the screen it saw) is the failure message.
    const run = spawnSync('bash', ['test/tui/tmux-check.sh'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(`${run.stdout}${run.stderr}`).toContain('tmux-check: PASS');
    expect(run.status).toBe(0);
  }, 150_000);
});

it('without tmux the check is skipped with a clear message, not failed', () => {
  // A PATH with bash and dirname but no tmux.
  const bin = mkdtempSync(join(tmpdir(), 'failsim-notmux-'));
  try {
    for (const tool of ['bash', 'dirname']) symlinkSync(execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
    const out = execFileSync(join(bin, 'bash'), ['test/tui/tmux-check.sh'], { cwd: ROOT, encoding: 'utf8', env: { PATH: bin } });
    expect(out).toBe('tmux-check: SKIP: tmux is not installed (apt-get install tmux), so the TUI was not checked in a real terminal\n');
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
