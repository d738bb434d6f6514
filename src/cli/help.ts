import { readFileSync } from 'node:fs';
import { DEFAULT_SEED } from './args.js';

export const MAIN_HELP = `sim: run a failure scenario with a seed and check the claims of its source document

Usage
  sim list [--json]                 built-in scenarios: id, title, source document
  sim run <scenario> [options]      run one scenario, print its report
  sim help [command]                this text, or a command's

Examples
  sim list
  sim run scenario-a --seed 42
  sim run scenario-a --seed 7 --set ttlMs=20000 --json
  sim run examples/my-scenario.ts --seed 1 --trace run.ndjson

Exit codes
  0  the run finished and every claim held
  1  the run finished and a claim failed
  2  bad input (one line on stderr, nothing on stdout)
  3  internal error (message and stack on stderr)

Colour: on when stdout is a terminal. NO_COLOR=1 or --no-color turns it off,
FORCE_COLOR=1 or --color turns it on.
`;

export const RUN_HELP = `Usage: sim run <scenario> [options]

<scenario> is a built-in id (see \`sim list\`) or a path to a module (.ts, .js,
.mjs) whose default export, export named "scenario" or only scenario export
is a scenario made with defineScenario from "failsim".

Options
  --seed N           seed, a non-negative integer (default ${DEFAULT_SEED}); the same
                     seed and settings give the same run, byte for byte
  --set key=value    override one parameter; repeat for more. An unknown key
                     is an error that lists the valid ones
  --faults FILE      replace the default fault schedule with a JSON file: a
                     list of {"at": "60s", "target": "db-1", "kind": "crash",
                     "params": {...}}, or {"faults": [...]}. A bare number
                     for "at" is milliseconds
  --until DURATION   virtual run length: 180s, 3m, 500ms, 1h; a bare number
                     is seconds (default: the scenario's own)
  --json             print the result as one JSON document on stdout (format
                     version "failsim": 1; NaN and Infinity metrics are null)
  --trace FILE       write every trace record to FILE as NDJSON, each with
                     "chain", the digest so far; the last chain is the digest
  --color, --no-color
  -h, --help

Examples
  sim run scenario-a --seed 42
  sim run scenario-a --seed 42 --set ttlMs=20000 --set loopWaitMs=5000
  sim run scenario-a --seed 42 --faults faults.json --until 10m
  sim run examples/my-scenario.ts --seed 1 --json | jq .claims

Exit codes: 0 every claim held, 1 a claim failed, 2 bad input, 3 internal error.
`;

export const LIST_HELP = `Usage: sim list [--json]

Lists the built-in scenarios: id, title and the document each comes from.
--json prints {"failsim": 1, "scenarios": [{"id", "title", "source"}]}.
`;

export function helpFor(command: string | undefined): string | undefined {
  if (command === undefined) return MAIN_HELP;
  if (command === 'run') return RUN_HELP;
  if (command === 'list') return LIST_HELP;
  if (command === 'help') return MAIN_HELP;
  return undefined;
}

/** failsim's version, from the package.json above this file (src/cli in a checkout, dist/src/cli when built). */
export function version(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'failsim' && pkg.version) return pkg.version;
    } catch { /* not here: try the next level up */ }
  }
  return 'unknown';
}
