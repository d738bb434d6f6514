import { faultCatalogue } from '../../runner/fault-catalogue.js';
import { faultsFileJsonSchema, groupCatalogue } from '../../runner/faults-json-schema.js';
import { HELP_COLOR, oneScenario, parse } from '../args.js';
import { formatFaultDocs } from '../fault-docs.js';
import { HELP_FAULTS_HELP } from '../help.js';
import { applySettings, loadScenario } from '../../io/load-scenario.js';
import type { Io } from '../output.js';

const OPTIONS = {
  ...HELP_COLOR,
  set: { type: 'string', multiple: true },
  'json-schema': { type: 'boolean' },
} as const;

/**
 * `sim help faults <scenario> [--set k=v] [--json-schema]`: the faults the
 * scenario's models accept, from the params schemas they declare, as text or
 * as a JSON Schema of a faults file (on stdout: redirect it to a file of
 * your choosing; nothing is written here).
 */
export async function helpFaultsCommand(argv: readonly string[], io: Io, cwd: string): Promise<number> {
  const { values, positionals } = parse('help faults', argv, OPTIONS, true);
  if (values.help === true) { io.out(HELP_FAULTS_HELP); return 0; }
  const loaded = await loadScenario(oneScenario('help faults', positionals, false), cwd);
  const sets = values.set ?? [];
  const catalogue = faultCatalogue(loaded.scenario, applySettings(loaded, sets).overrides);
  const id = loaded.scenario.id;
  io.out(values['json-schema'] === true ? `${JSON.stringify(faultsFileJsonSchema(id, catalogue), null, 2)}\n` : formatFaultDocs(id, groupCatalogue(catalogue), sets.join(' ')));
  return 0;
}
