import { SLO_IMPACTS } from '../scenario/slo-ledger.js';
import type { DocumentedFailure } from '../scenario/scenario.js';
import type { MatrixRow } from './matrix.js';

/** One severity: how many failures the document's table, its sections and the measurements put there (null: that source has no such grade). */
export interface SeverityCount {
  readonly severity: string;
  readonly table: number | null;
  readonly sections: number | null;
  readonly measured: number | null;
}

export interface RecoveryCounts {
  readonly auto: number;
  readonly manual: number;
}

/**
 * A document's Summary Statistics rebuilt three ways: as its table prints
 * them, as its own sections add up, and as the runs measured (each failure
 * counted at the grade most of its runs reached; it recovers automatically
 * when most runs ended with no operator step left, manually when most did
 * not), with the places where they disagree.
 */
export interface MatrixSummary {
  readonly failures: number;
  readonly severities: readonly SeverityCount[];
  readonly table: RecoveryCounts | null;
  readonly sections: RecoveryCounts;
  readonly measured: RecoveryCounts;
  readonly disagreements: readonly string[];
}

const count = <T>(xs: readonly T[], f: (x: T) => boolean) => xs.filter(f).length;

function severities(rows: readonly MatrixRow[], table: DocumentedFailure | null): SeverityCount[] {
  const tableRows = table?.summary?.rows ?? [];
  const names = [...tableRows.map((r) => r.severity), ...[...SLO_IMPACTS].reverse().filter((g) => !tableRows.some((r) => r.severity === g))];
  return names.map((severity) => {
    const grade = SLO_IMPACTS.find((g) => g === severity);
    return {
      severity,
      table: tableRows.find((r) => r.severity === severity)?.count ?? (tableRows.length > 0 ? 0 : null),
      sections: grade === undefined ? 0 : count(rows, (r) => r.documented?.impact === grade),
      measured: grade === undefined ? null : count(rows, (r) => r.slo?.modal === grade),
    };
  });
}

function disagreements(rows: readonly MatrixRow[], sev: readonly SeverityCount[], table: RecoveryCounts | null, sections: RecoveryCounts): string[] {
  const out: string[] = [];
  for (const s of sev) {
    if (s.table !== null && s.sections !== null && s.table !== s.sections) out.push(`${s.severity}: the table counts ${s.table}, the sections ${s.sections}`);
  }
  if (table !== null && table.auto !== sections.auto) out.push(`automatic recovery: the table counts ${table.auto}, the sections list automated steps for ${sections.auto}`);
  if (table !== null && table.manual !== sections.manual) out.push(`manual recovery: the table counts ${table.manual}, the sections list manual steps for ${sections.manual}`);
  for (const r of rows) {
    if (r.slo === null || r.slo.stated === null || r.slo.stated === r.slo.modal) continue;
    const n = r.slo.runsByGrade[SLO_IMPACTS.indexOf(r.slo.modal)] ?? 0;
    out.push(`${r.id}: the section says ${r.slo.stated}, ${n} of ${r.runs} runs measured ${r.slo.modal}`);
  }
  return out;
}

/** The summary, or null when no row says what its document states. */
export function matrixSummary(rows: readonly MatrixRow[]): MatrixSummary | null {
  const documented = rows.filter((r) => r.documented?.impact !== undefined);
  if (documented.length === 0) return null;
  const first = documented.find((r) => r.documented?.summary !== undefined)?.documented ?? null;
  const tableRows = first?.summary?.rows;
  const table = tableRows === undefined ? null : { auto: tableRows.reduce((n, r) => n + r.auto, 0), manual: tableRows.reduce((n, r) => n + r.manual, 0) };
  const sections = { auto: count(documented, (r) => r.documented!.autoRecovery === true), manual: count(documented, (r) => r.documented!.manualRecovery === true) };
  const measured = {
    auto: count(documented, (r) => r.autoRecover !== null && r.autoRecover.rate >= 0.5),
    manual: count(documented, (r) => r.manualAction !== null && r.manualAction.rate > 0.5),
  };
  const sev = severities(documented, first);
  return { failures: documented.length, severities: sev, table, sections, measured, disagreements: disagreements(documented, sev, table, sections) };
}
