#!/usr/bin/env node
/**
 * The `sim` binary. Everything is in cli.ts; this file only connects it to
 * the process. The exit code is set, never forced with process.exit(), so
 * output piped to another program is flushed first.
 */
import { cli } from './cli.js';
import { processIo } from './output.js';

// Node exits, with code 13 and not a word, when nothing is left to run but
// cli() has not returned: a user's scenario module whose top-level await
// never settles. Say so, as bad input.
const unfinished = () => {
  process.stderr.write('sim: the command never finished: nothing was left to run (a scenario module whose top-level await never settles?)\n');
  process.exitCode = 2;
};
process.on('exit', unfinished);
process.exitCode = await cli(process.argv.slice(2), processIo());
process.off('exit', unfinished);
