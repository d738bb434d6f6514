/**
 * The import graph of failsim's own source, read with TypeScript's parser so
 * that comments and strings are never mistaken for imports, and so that
 * `import type`, `export … from`, `import x = require()`, `typeof import()`
 * and dynamic `import()` are all seen.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, posix } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Repo-relative path of the importing file, with forward slashes. */
  readonly from: string;
  readonly line: number;
  /** As written; `<non-literal>` for `import(expr)`. */
  readonly spec: string;
  /** Repo-relative file for a relative spec, package name (`zod`, `node:fs`) for a bare one, null if it resolves to nothing. */
  readonly target: string | null;
  readonly typeOnly: boolean;
  readonly dynamic: boolean;
}

interface RawImport {
  readonly line: number;
  readonly spec: string;
  readonly typeOnly: boolean;
  readonly dynamic: boolean;
}

export const NON_LITERAL = '<non-literal>';

function importDeclarationIsTypeOnly(n: ts.ImportDeclaration): boolean {
  const clause = n.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  // `import { type A, type B } from` is erased at run time too.
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** The import that node `n` makes, if it is one. */
function importOf(n: ts.Node): Omit<RawImport, 'line'> | undefined {
  if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
    return { spec: n.moduleSpecifier.text, typeOnly: importDeclarationIsTypeOnly(n), dynamic: false };
  }
  if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
    return { spec: n.moduleSpecifier.text, typeOnly: n.isTypeOnly, dynamic: false };
  }
  if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) {
    return { spec: n.moduleReference.expression.text, typeOnly: n.isTypeOnly, dynamic: false };
  }
  if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const arg = n.arguments[0];
    return { spec: arg && ts.isStringLiteralLike(arg) ? arg.text : NON_LITERAL, typeOnly: false, dynamic: true };
  }
  if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
    return { spec: n.argument.literal.text, typeOnly: true, dynamic: false };
  }
  return undefined;
}

/** Every import in one file's text. */
export function parseImports(fileName: string, text: string): RawImport[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: RawImport[] = [];
  const visit = (n: ts.Node): void => {
    const imp = importOf(n);
    if (imp) found.push({ ...imp, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1 });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** `zod` → `zod`, `tsx/esm/api` → `tsx`, `@scope/x/y` → `@scope/x`, `fs` and `node:fs` → `node:fs`. */
export function packageName(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return isBuiltin(name) ? `node:${name}` : name;
}

/** The file a relative spec names, as the NodeNext resolver with TypeScript sources sees it. */
export function resolveRelative(from: string, spec: string, exists: (file: string) => boolean): string | null {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base.replace(/\.jsx$/, '.tsx'), base, `${base}/index.ts`];
  return candidates.find(exists) ?? null;
}

/** The graph over `files` (path → text); `exists` says whether a path is a file of the tree. */
export function importGraph(files: ReadonlyMap<string, string>, exists: (file: string) => boolean = (f) => files.has(f)): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const [from, text] of files) {
    for (const imp of parseImports(from, text)) {
      const relative = imp.spec.startsWith('.');
      const target = imp.spec === NON_LITERAL ? null : relative ? resolveRelative(from, imp.spec, exists) : packageName(imp.spec);
      edges.push({ from, ...imp, target });
    }
  }
  return edges;
}

/** Every .ts/.tsx file (not .d.ts) under `dirs` of `root`, plus the single `files`, repo-relative. */
export function readSourceTree(root: string, dirs: readonly string[], files: readonly string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const child = `${rel}/${name}`;
      if (statSync(join(root, child)).isDirectory()) walk(child);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.set(child, readFileSync(join(root, child), 'utf8'));
    }
  };
  for (const d of dirs) walk(d);
  for (const f of files) if (existsSync(join(root, f))) out.set(f, readFileSync(join(root, f), 'utf8'));
  return out;
}
