#!/usr/bin/env node
/**
 * The `sim` binary. Everything is in cli.ts; this file only connects it to
 * the process. The exit code is set, never forced with process.exit(), so
 * output piped to another program is flushed first.
 */
import { cli } from './cli.js';
import { processIo } from './output.js';

process.exitCode = await cli(process.argv.slice(2), processIo());
