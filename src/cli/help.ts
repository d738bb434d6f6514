import { readFileSync } from 'node:fs';
import { DEFAULT_SEED } from './args.js';
import { SWEEP_DEFAULT_SEED } from './sweep-args.js';

export const MAIN_HELP = `sim: run a failure scenario with a seed and check the claims of its source document

Usage
  sim list [--json]                 built-in scenarios: id, title, source document
  sim run <scenario> [options]      run one scenario, print its report
  sim sweep <scenario> --runs N     run N seeds on worker threads, print statistics
  sim compare <scenario> --set k=v --vs k=w --runs N
                                    the same N seeds under two settings, paired
  sim matrix <family|a,b,...> --runs N
                                    claims x scenarios over N seeds each
  sim merge FILE...                 the summary of a sweep's shard files
  sim help [command]                this text, or a command's

Examples
  sim list
  sim run scenario-a --seed 42
  sim run scenario-a --seed 7 --set ttlMs=20000 --json
  sim run examples/my-scenario.ts --seed 1 --trace run.ndjson
  sim sweep scenario-a --runs 1000 --out runs.ndjson
  sim compare scenario-a --set replication=sync --vs replication=async --runs 500

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

export const SWEEP_HELP = `Usage: sim sweep <scenario> --runs N [options]

Runs seeds S, S+1, ..., S+N-1 (run i has seed S+i, so \`sim run --seed\`
replays any run) on worker threads and prints statistics: each metric's mean
with a 95% interval and percentiles, each claim's pass rate.

Options
  -n, --runs N             runs (seeds) to do: a positive integer (required)
  --seed S                 first seed (default ${SWEEP_DEFAULT_SEED})
  --set key=value          override a parameter; repeat for more
  -j, --workers K          worker threads (default: one per CPU)
  -o, --out FILE           append each finished run to FILE as one NDJSON line
                           (a RunRecord) the moment it finishes; FILE must not
                           exist yet or be empty
  --resume FILE            continue the sweep in FILE: runs it holds are kept,
                           the others are done and appended. Its records must
                           be of the same scenario, parameters and --seed; a
                           cut-off last line is dropped and its run done again
  --shard i/n              do only runs with index % n == i (i from 0)
  --shard-count n          the same, with i from $JOB_COMPLETION_INDEX (set in
                           each pod of a Kubernetes Indexed Job)
  --incidents-per-year X   also express rates per year at X incidents a year
  --json                   print the summary as JSON; it depends only on the
                           scenario, parameters and seeds, never on --workers
                           or shards
  --color, --no-color
  -h, --help

On a terminal, a progress bar with ETA goes to stderr. SIGINT (Ctrl-C) or
SIGTERM stops handing out runs, lets running ones finish, and exits 130 (143);
every finished run is in --out, and --resume continues from there.

Shards: run each --shard i/n with its own --out, then \`sim merge\` the files:
it prints exactly what the unsplit sweep prints.

Exit codes: 0 the sweep finished (whatever the claims did: see the summary),
2 bad input, 3 internal error, 130/143 interrupted.
`;

export const MERGE_HELP = `Usage: sim merge FILE... [options]

Reads the NDJSON files of a sweep's shards (sim sweep --shard i/n --out FILE),
checks that they are one sweep (same scenario, parameters and base seed, no
run in two files, no run missing) and prints the summary the unsplit sweep
prints, byte for byte.

Options
  --scenario REF           the scenario module, for records of a scenario that
                           is not built in (its id must match the records)
  -n, --runs N             the sweep's --runs: every run 0..N-1 must be there
  --allow-missing          summarise even if runs are missing
  --incidents-per-year X   as for sim sweep
  --json, --color, --no-color, -h, --help

Exit codes: 0 merged, 2 bad input (unreadable or corrupt file, files of
different sweeps, overlapping or missing runs), 3 internal error.
`;

export const COMPARE_HELP = `Usage: sim compare <scenario> --runs N [--set k=v]... [--vs k=v]... [options]

Runs the same seeds under two settings, A (--set) and B (--vs), and compares
them run by run (paired: seed i of A against seed i of B).

Options
  -n, --runs N         seeds per side (required)
  --set key=value      a setting of side A; repeat for more
  --vs key=value       a setting of side B; repeat for more
  --both key=value     a setting of both sides (--set and --vs override it)
  --seed S             first seed (default ${SWEEP_DEFAULT_SEED})
  -j, --workers K      worker threads (default: one per CPU)
  --json, --color, --no-color, -h, --help

Example
  sim compare scenario-a --set replication=sync --vs replication=async --runs 500

Exit codes: 0 compared, 2 bad input, 3 internal error, 130/143 interrupted.
`;

export const MATRIX_HELP = `Usage: sim matrix <family|scenario,scenario,...> --runs N [options]

Runs N seeds of each scenario and prints which claims held how often, one row
per scenario. A family is every built-in scenario whose id starts with
"<family>-" (e.g. "flux"); a list is ids or module paths separated by commas.

Options
  -n, --runs N         seeds per scenario (required)
  --seed S             first seed (default ${SWEEP_DEFAULT_SEED})
  -j, --workers K      worker threads (default: one per CPU)
  --json, --color, --no-color, -h, --help

Exit codes: 0 done, 2 bad input, 3 internal error, 130/143 interrupted.
`;

export function helpFor(command: string | undefined): string | undefined {
  if (command === undefined) return MAIN_HELP;
  if (command === 'sweep') return SWEEP_HELP;
  if (command === 'merge') return MERGE_HELP;
  if (command === 'compare') return COMPARE_HELP;
  if (command === 'matrix') return MATRIX_HELP;
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
