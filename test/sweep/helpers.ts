/** Shared by the sweep tests: the built `sim` in a child process, and sweep files. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { BIN, ROOT } from '../cli/sim.js';

export { ensureBuilt, lines, ROOT, sim, TINY } from '../cli/sim.js';

/** The sweep fixture: plain JavaScript, so workers load it without tsx (TINY covers TypeScript). */
export const FIXTURE = 'test/fixtures/sweep-scenario.mjs';

/** Starts `sim ...` without waiting; `done` resolves with its exit code (or signal) and output. */
export function start(args: readonly string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Complete lines in a sweep file so far (0 if it does not exist yet). */
export function completeLines(file: string): number {
  if (!existsSync(file) || statSync(file).size === 0) return 0;
  const text = readFileSync(file, 'utf8');
  return text.split('\n').length - 1;
}

/** Polls until `file` holds at least `n` complete lines; fails after `timeoutMs`. */
export async function waitForLines(file: string, n: number, timeoutMs = 20_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const have = completeLines(file);
    if (have >= n) return have;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${file}: ${have} lines after ${timeoutMs} ms, wanted ${n}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The run indices in a sweep file, sorted, from its complete lines. */
export function indices(file: string): number[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { index: number }).index).sort((a, b) => a - b);
}

/** The exit code of a finished sweep of FIXTURE: its claim fails in some runs by design, and a failed claim is exit 1. */
export const FINDING = 1;
