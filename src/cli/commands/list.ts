import { parseListArgs } from '../args.js';
import { LIST_HELP } from '../help.js';
import { CATALOGUE } from '../../io/catalogue.js';
import { paletteFor, type Io } from '../output.js';

/** `sim list [--json]`: the built-in scenarios with their titles and source documents. */
export function listCommand(argv: readonly string[], io: Io): number {
  const args = parseListArgs(argv);
  if (args.help) { io.out(LIST_HELP); return 0; }
  const rows = CATALOGUE.map((e) => ({ id: e.id, title: e.title, source: e.source }));
  if (args.json) {
    io.out(`${JSON.stringify({ failsim: 1, scenarios: rows }, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.out('no built-in scenarios yet (sim run also takes a path to a scenario module)\n');
    return 0;
  }
  const p = paletteFor(io, args.color);
  const width = Math.max(...rows.map((r) => r.id.length));
  io.out(rows.map((r) => `${p.bold(r.id.padEnd(width))}  ${r.title}\n${' '.repeat(width + 2)}${p.dim(r.source)}\n`).join(''));
  return 0;
}
