import { readFileSync } from 'node:fs';
import { DEFAULT_SEED } from './args.js';
import { DIFF_DEFAULT_CONTEXT } from './diff-args.js';
import { CHECK_DEFAULT_RUNS, CHECK_DEFAULT_SEED } from './check-args.js';
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
  sim check <scenario> [--runs N]   search fault schedules for one that breaks an
                                    invariant; shrink it, print its replay
  sim diff A B                      where two runs part: two --json reports
                                    or two --trace files
  sim tui [scenario] [--seed N]     watch, pause, step, rewind and break a run
                                    live in the terminal (needs a TTY)
  sim help [command]                this text, or a command's
  sim help faults <scenario>        the faults a scenario takes: targets, kinds,
                                    parameters (--json-schema: for editors)

Examples
  sim list
  sim run scenario-a --seed 42
  sim run scenario-a --seed 7 --set ttlMs=20000 --json
  sim run examples/my-scenario.ts --seed 1 --trace run.ndjson
  sim run scenario-a --seed 42 --verify-determinism
  sim diff seed1.json seed2.json
  sim sweep scenario-a --runs 1000 --out runs.ndjson
  sim compare scenario-a --set replication=sync --vs replication=async --runs 500
  sim check scenario-a --set replication=async

Exit codes
  0  the run finished and every claim held
  1  the run finished and a claim failed or an invariant was violated, or
     the run ended (--until) too soon to judge one ("not reached")
     (run --verify-determinism: or a second run differed; diff: the two
     runs differ; check: a counterexample was found)
  2  bad input (one line on stderr, nothing on stdout): also a scenario
     module that does not load or whose code throws or loops in place
  3  internal error (message and stack on stderr)

Files: --trace, --out, --faults-out and --save never replace an existing
file unless --force is given.

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
                     is an error that lists the valid ones; a choice may be
                     shortened to a unique prefix (replication=async)
  --faults FILE      replace the default fault schedule with a JSON file: a
                     list of {"at": "60s", "target": "db-1", "kind": "crash",
                     "params": {...}}, or {"faults": [...]}. A bare number
                     for "at" is milliseconds. Every fault is checked before
                     the run (see sim help faults <scenario>)
  --until DURATION   virtual run length: 180s, 3m, 500ms, 1h; a bare number
                     is seconds (default: the scenario's own; at most about
                     285 years, 9e12 ms)
  --json             print the result as one JSON document on stdout (format
                     version "failsim": 1; NaN and Infinity metrics are null)
  --trace FILE       write every trace record to FILE as NDJSON, each with
                     "chain", the digest so far; the last chain is the digest.
                     An existing FILE is refused (exit 2) unless --force
  --force            replace an existing --trace file
  --verify-determinism
                     run twice in this process and compare the traces record
                     by record (and the metrics); if they differ, name the
                     first divergent record with both runs' records around it
                     and exit 1. Catches Math.random, clocks and module-level
                     state a run leaves behind
  --color, --no-color
  -h, --help

Examples
  sim run scenario-a --seed 42
  sim run scenario-a --seed 42 --set ttlMs=20000 --set loopWaitMs=5000
  sim run scenario-a --seed 42 --faults faults.json --until 10m
  sim run examples/my-scenario.ts --seed 1 --json | jq .claims

A run that --until ends before a scheduled fault fires or before the fault
schedule is over judges none of the claims: each is NOT REACHED (and so is
each invariant that held so far); an "eventually" invariant whose deadline
is past the end is NOT REACHED too. A violation seen is still FAIL.

Exit codes: 0 every claim and invariant held, 1 a claim failed, an invariant
was violated, or one of them was not reached (or, with --verify-determinism,
the second run differed), 2 bad input (also: a scenario module that does not
load, gives an invalid durationMs, faults, metric or verdict, throws, or
stops virtual time), 3 internal error.
`;

export const DIFF_HELP = `Usage: sim diff A B [options]

Finds the first event where two runs part and shows the records around it
on both sides. A and B are each the output of \`sim run --json\` or a
\`sim run --trace\` file.

A trace file is compared as it stands, record by record, read as far as
needed. A --json report holds only its digest and timeline, so it is re-run
from the identity it records (scenario, seed, params, faults, horizon); a
re-run that no longer gives the recorded digest (the models changed since)
is said so, and two such reports are compared by their recorded timelines.
Reports with equal digests are identical without re-running.

Options
  -C, --context N     records shown before the divergence and after it on
                      each side (default ${DIFF_DEFAULT_CONTEXT})
  --scenario PATH     the scenario module, for reports of a scenario that is
                      not built in (matched by its id)
  --json              print the comparison as one JSON document
  --color, --no-color
  -h, --help

Examples
  sim run scenario-a --seed 1 --json > a.json
  sim run scenario-a --seed 2 --json > b.json
  sim diff a.json b.json
  sim diff before.ndjson after.ndjson --context 10

Exit codes: 0 identical, 1 the runs differ, 2 bad input (a file that is
neither, unreadable, or of a scenario that cannot be loaded), 3 internal error.
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
                           (a RunRecord) the moment it finishes; an existing
                           FILE is refused unless --force
  --force                  replace an existing --out file
  --resume FILE            continue the sweep in FILE: runs it holds are kept,
                           the others are done and appended. Its records must
                           be of the same scenario, parameters and --seed,
                           checked before anything is written; a cut-off last
                           line that starts a record of this sweep is dropped
                           and its run done again. A file that is not this
                           sweep's run file is refused and left as it was
  --shard i/n              do only runs with index % n == i (i from 0)
  --shard-count n          the same, with i from $JOB_COMPLETION_INDEX (set in
                           each pod of a Kubernetes Indexed Job)
  --incidents-per-year X   also express rates per year at X incidents a year
  --metric NAME            only this metric in the summary; repeat, or a,b,c
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

The summary names each claim that failed and invariant that was violated,
with the sim run commands that replay its first failing seeds.

Exit codes: 0 every claim held in every run, 1 a claim failed or an
invariant was violated in at least one run (the summary says how often),
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
  --metric NAME            as for sim sweep
  --json, --color, --no-color, -h, --help

Exit codes: 0 merged and every claim held, 1 a claim failed or an
invariant was violated in some run, 2 bad input (unreadable or corrupt file, files of
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
  --metric NAME        only this metric in the table; repeat, or a,b,c
  --json, --color, --no-color, -h, --help

Example
  sim compare scenario-a --set replication=sync --vs replication=async --runs 500

Exit codes: 0 every claim held on both sides, 1 a claim failed in some run
of either side, 2 bad input, 3 internal error, 130/143 interrupted.
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

Exit codes: 0 every claim of every scenario held, 1 a claim failed in some
run, 2 bad input, 3 internal error, 130/143 interrupted.
`;

export const TUI_HELP = `Usage: sim tui [scenario] [options]

The interactive terminal UI: watch a scenario run on its virtual clock,
pause it, step it one event at a time, jump forward and back (a rewind
re-simulates from 0, which determinism makes exact), and inject faults live.
Without a scenario it opens a picker of the built-in ones.

Options
  --seed N           seed (default ${DEFAULT_SEED})
  --set key=value    override one parameter (with a scenario); repeat for more
  --paused           open the run view paused (default: running at 5x)
  --charset C        charts in braille, block (default) or ascii; TERM=dumb
                     and --ascii choose ascii
  -o, --out FILE     where the faults file goes (default
                     <scenario>-seed<N>.faults.json in this directory, or
                     -2, -3... if that is taken); an existing FILE is refused
                     unless --force
  --force            replace an existing file
  --color, --no-color
  -h, --help

Keys: space pause/resume, . one event, ] / [ forward / back 10 s, + / -
speed, f fault menu, / filter the log, tab next pane, r restart, n new seed,
w write the faults file, ? help, q quit.

Faults injected live are recorded with their virtual time. On quit (or w)
the session's whole schedule, the scenario's faults and the live ones, is
written as a faults file and the command that replays it is printed:
  sim run scenario-a --seed 42 --faults scenario-a-seed42.faults.json

Needs a terminal: without one (a pipe, CI) it exits 2; use sim run.

Examples
  sim tui
  sim tui scenario-a --seed 7 --set ttlMs=20000
  sim tui flux-kafka-down --paused --charset ascii
`;

export const CHECK_HELP = `Usage: sim check <scenario> [options]

Property-based search with fast-check: draws fault schedules from the
scenario's fault space (which faults, at which targets, how severe, when)
and seeds, runs each, and checks the scenario's invariants: "always" ones on
every trace record or at the end, "eventually" ones a stated time after the
last fault is over. The first run that breaks one is shrunk toward fewer,
later and milder faults, and printed with the violated invariant, the key
events around the violation, and a replay command carrying every setting.

Options
  -n, --runs N         runs to search (default ${CHECK_DEFAULT_RUNS}); shrinking adds its own
  --seed S             fast-check's seed (default ${CHECK_DEFAULT_SEED}): the same seed, the same
                       runs and the same counterexample
  --set key=value      a parameter for every run; repeat for more
  --max-faults K       at most K faults per run (default: the fault space's)
  --faults-out FILE    where the counterexample's faults go (default
                       ./sim-check-<scenario>-<run seed>.faults.json, or
                       -2, -3... if that is taken), a file \`sim run --faults\`
                       reads; an existing FILE is refused unless --force
  --save FILE          also save the counterexample as a regression file
                       (e.g. test/regressions/NAME.json; an existing FILE is
                       refused unless --force): the test suite replays each
                       and asserts its outcome
  --force              replace an existing --faults-out or --save file
  --json               print one JSON document (CheckReportSchema; README)
                       instead of the text report
  -j, --workers K      worker threads (default: one per CPU); the runs, the
                       counterexample and the report are the same for any K
  --color, --no-color
  -h, --help

With no counterexample it says in what share of runs each fault kind fired
and each path of interest was reached; a check whose faults never fired
says so. On a terminal, progress goes to stderr.

Examples
  sim check scenario-a --set replication=async
  sim check scenario-a --runs 300
  sim check flux-worker-crash --set commitMode=before --save test/regressions/commit-before.json

Exit codes: 0 no counterexample in N runs, 1 counterexample found, 2 bad
input (nothing run, nothing written), 3 internal error.
`;

export const HELP_FAULTS_HELP = `Usage: sim help faults <scenario> [--set key=value]... [--json-schema]

Lists what a faults file (sim run --faults FILE) may hold for the scenario:
each target, the fault kinds it takes, and each kind's parameters with type,
range, default and unit. Targets depend on parameters (--set members=5 adds
pods). A faults file is checked against this in full before a run starts:
every fault, also one after --until; a mistake is exit 2 naming the fault.

Options
  --set key=value    a parameter of the scenario; repeat for more
  --json-schema      print a JSON Schema (draft 2020-12) of the scenario's
                     faults file instead, for editors: redirect it to a file,
                     e.g. > scenario-a.faults.schema.json
  -h, --help

Examples
  sim help faults scenario-a
  sim help faults flux-partition --json-schema > faults.schema.json
`;

export function helpFor(command: string | undefined): string | undefined {
  if (command === undefined) return MAIN_HELP;
  if (command === 'sweep') return SWEEP_HELP;
  if (command === 'merge') return MERGE_HELP;
  if (command === 'compare') return COMPARE_HELP;
  if (command === 'matrix') return MATRIX_HELP;
  if (command === 'check') return CHECK_HELP;
  if (command === 'run') return RUN_HELP;
  if (command === 'list') return LIST_HELP;
  if (command === 'tui') return TUI_HELP;
  if (command === 'diff') return DIFF_HELP;
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
