import { readFileSync } from 'node:fs';
import type { Fault } from '../kernel/faults.js';
import { jsonDepthProblem } from '../scenario/json-depth.js';
import { UsageError, describeFsError, oneLine } from '../io/errors.js';

interface Issue {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly errors?: readonly (readonly Issue[])[];
}

/**
 * Reads a faults file (see FaultFileSchema) into kernel faults. Any problem,
 * unreadable, not JSON or not the schema, becomes one line that names the
 * file and the first thing wrong.
 */
export async function readFaultsFile(file: string): Promise<Fault[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`faults file "${file}": ${describeFsError(e)}`);
  }
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep !== null) throw new UsageError(`faults file "${file}": ${tooDeep}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`faults file "${file}": not valid JSON: ${oneLine((e as Error).message)}`);
  }
  const { faultsFromJson } = await import('../scenario/fault-spec.js');
  try {
    return faultsFromJson(value);
  } catch (e) {
    const issues = (e as { issues?: readonly Issue[] }).issues;
    if (!Array.isArray(issues) || issues.length === 0) throw e;
    throw new UsageError(`faults file "${file}": ${describeIssue(firstIssue(issues, value), value)}`);
  }
}

/**
 * The issue to show. The file is a list or {"faults": [...]}, a union, so
 * zod's first issue is "invalid input" at the root; look inside the branch
 * the file was evidently trying to be instead.
 */
function firstIssue(issues: readonly Issue[], value: unknown): Issue {
  const issue = issues[0]!;
  if (issue.code === 'invalid_union' && issue.path.length === 0 && issue.errors && issue.errors.length === 2) {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    const branch = Array.isArray(value) ? issue.errors[0] : isObject ? issue.errors[1] : undefined;
    if (branch && branch.length > 0) return firstIssue(branch, value);
  }
  return issue;
}

function describeIssue(issue: Issue, value: unknown): string {
  if (issue.code === 'invalid_union' && issue.path.length === 0 && !(typeof value === 'object' && value !== null)) {
    return 'expected a list of faults or {"faults": [...]}';
  }
  const path = formatPath(issue.path);
  return path === '' ? oneLine(issue.message) : `${path}: ${oneLine(issue.message)}`;
}

/** [0, "at"] and ["faults", 0, "at"] -> 'fault #1 "at"' (runScenario numbers faults the same way). */
function formatPath(path: readonly PropertyKey[]): string {
  const rest = path[0] === 'faults' ? path.slice(1) : [...path];
  if (rest.length === 0) return path.length > 0 ? '"faults"' : '';
  const [first, ...keys] = rest;
  const head = typeof first === 'number' ? `fault #${first + 1}` : JSON.stringify(String(first));
  return [head, ...keys.map((k) => (typeof k === 'number' ? `[${k}]` : JSON.stringify(String(k))))].join(' ');
}
