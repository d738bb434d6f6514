/** Runs the built `sim` binary in a child process, as a user would. */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
export const TINY = 'test/fixtures/tiny-scenario.ts';

export interface SimResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm test` builds first; a bare `vitest run` builds here if dist is missing. */
export function ensureBuilt(): void {
  if (existsSync(BIN)) return;
  execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
}

/** Environment without colour switches, so tests see what a pipe gets. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

export function sim(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<SimResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cleanEnv(options.env ?? {}), maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') { reject(error); return; }
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/** The lines of `text`, without the empty one after the final newline. */
export function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}
