import { copyFileSync, constants, linkSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError, describeFsError } from './errors.js';

/**
 * A file a command writes where the user said (--trace, --out, --faults-out,
 * --save). A file failsim was not told to replace is never overwritten or
 * truncated: an existing one is refused unless the command has --force,
 * before any work is done, and the write itself creates the file
 * exclusively, so one that appeared meanwhile is refused too.
 */
export interface OutputFile {
  /** The option, for messages: "--trace". */
  readonly flag: string;
  /** As the user typed it. */
  readonly file: string;
  readonly path: string;
  readonly force: boolean;
}

/** Checks that `file` may be written: not a directory, in a folder that exists, and new unless `force`. `hint` follows the refusal. */
export function outputFile(flag: string, file: string, cwd: string, force: boolean, hint = ''): OutputFile {
  const path = resolve(cwd, file);
  const st = statOrUndefined(path);
  if (st?.isDirectory()) throw new UsageError(`${flag} "${file}": is a directory`);
  if (st !== undefined && !force) throw new UsageError(`${flag} "${file}": the file exists (give --force to replace it${hint})`);
  if (!statOrUndefined(dirname(path))?.isDirectory()) throw new UsageError(`${flag} "${file}": the folder "${dirname(file)}" does not exist`);
  return { flag, file, path, force };
}

/** A default file name (no option given): the name itself if free (or `force`), else the first free one of name-2, name-3, ... */
export function defaultOutputFile(flag: string, file: string, cwd: string, force: boolean): OutputFile {
  const dot = basename(file).indexOf('.');
  const stem = dot <= 0 ? file : file.slice(0, file.length - basename(file).length + dot);
  const ext = file.slice(stem.length);
  for (let n = 1; ; n++) {
    const name = n === 1 ? file : `${stem}-${n}${ext}`;
    if (force || statOrUndefined(resolve(cwd, name)) === undefined) return outputFile(flag, name, cwd, force);
  }
}

/** Where a file is written before it is put in place: beside it, so the move is a rename on one file system. */
export function tempBeside(out: OutputFile): string {
  return join(dirname(out.path), `.${basename(out.path)}.${process.pid}.tmp`);
}

/** The one-line error for a failed write of `out`: an existing file needs --force, anything else says what the file system said. */
export function outputFileError(out: OutputFile, e: unknown): UsageError {
  if ((e as { code?: unknown }).code === 'EEXIST') return new UsageError(`${out.flag} "${out.file}": the file exists (give --force to replace it)`);
  return new UsageError(`${out.flag} "${out.file}": ${describeFsError(e)}`);
}

/** Writes `text` to the file whole (through a temporary file): never half a file, never over one it may not replace. */
export function writeOutputFile(out: OutputFile, text: string): void {
  const temp = tempBeside(out);
  try {
    writeFileSync(temp, text);
  } catch (e) {
    throw outputFileError(out, e);
  }
  placeOutputFile(out, temp);
}

/** Moves a finished temporary file into place: a rename with --force, else a hard link, which fails if the file exists. */
export function placeOutputFile(out: OutputFile, temp: string): void {
  try {
    if (out.force) renameSync(temp, out.path);
    else linkExclusive(temp, out.path);
  } catch (e) {
    try { unlinkSync(temp); } catch { /* already gone */ }
    throw outputFileError(out, e);
  }
  try { unlinkSync(temp); } catch { /* renamed */ }
}

/** `to` as a new name of `from`, or a copy where the file system has no hard links; EEXIST if `to` exists. */
function linkExclusive(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'EEXIST' || code === 'ENOENT' || code === 'EACCES') throw e;
    copyFileSync(from, to, constants.COPYFILE_EXCL);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The writer of a command that may write its output more than once (the
 * TUI writes its faults file on `w` and again on exit): the first write of
 * a name follows the rules above (`--out` checked already; a default name
 * that is taken moves on to name-2...), later writes replace what this
 * session wrote. Returns the name written.
 */
export function sessionWriter(flag: string, given: OutputFile | undefined, cwd: string, force: boolean): (file: string, text: string) => string {
  const written = new Map<string, OutputFile>();
  return (file, text) => {
    const before = written.get(file);
    const out = before ?? (given?.file === file ? given : defaultOutputFile(flag, file, cwd, force));
    writeOutputFile(before === undefined ? out : { ...out, force: true }, text);
    written.set(file, out);
    return out.file;
  };
}
