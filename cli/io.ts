// Why: every file the CLI reads or writes goes through here: corpus folders, replay files, reports and saved reproducers, each failure one line.

import { accessSync, chmodSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { AuditResult } from "../engine/audit.js";
import { parseCorpusEntry, type CorpusFile } from "../replay/corpus.js";
import { savedFailures } from "../replay/save.js";
import { UsageError, type CorpusChoice } from "./args.js";

/** The project's root folder (where corpus/ and package.json live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** This build's version, from package.json. */
export const VERSION: string = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;

const REASONS: Record<string, string> = { ENOENT: "no such file", EISDIR: "is a folder", EACCES: "permission denied", ENOTDIR: "a part of the path is not a folder", EROFS: "read-only file system", ENOSPC: "no space left" };
const reason = (e: unknown): string => {
  const code = (e as { code?: string }).code ?? "";
  return REASONS[code] ?? (code || String(e));
};

/**
 * Where a path the user gave is: as given (from the working folder); a relative path that does not
 * exist there but does under the project root is taken from there, so a replay line printed with
 * a repository-relative path works from any folder of the checkout.
 */
export function locate(path: string): string {
  if (isAbsolute(path) || existsSync(path)) return path;
  const fromRoot = join(PROJECT_ROOT, path);
  return existsSync(fromRoot) ? fromRoot : path;
}

/** How reports name a file: relative to the project root when it is inside it, else absolute. */
export function displayPath(path: string): string {
  const abs = resolve(locate(path));
  const rel = relative(PROJECT_ROOT, abs);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : abs;
}

/** Reads a text file (a UTF-8 byte-order mark is dropped), or throws a one-line UsageError. */
export function readText(path: string): string {
  try {
    return readFileSync(locate(path), "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${reason(e)}`);
  }
}

/**
 * Loads every *.json of the chosen corpus folder, in file-name order; the project's own may be
 * absent. One bad file stops the run (exit 2) with its name: a corpus is a regression suite, and
 * running the rest would report "held" for bugs the bad file stood for.
 */
export function loadCorpus(choice: CorpusChoice): CorpusFile[] {
  if (choice.kind === "none") return [];
  const own = choice.kind === "project";
  const path = own ? join(PROJECT_ROOT, "corpus") : locate(choice.path);
  if (!existsSync(path)) {
    if (own) return [];
    throw new UsageError(`corpus folder ${choice.path} does not exist`);
  }
  if (!statSync(path).isDirectory()) throw new UsageError(`corpus ${own ? "corpus" : choice.path} is not a folder`);
  const names = readdirSync(path).filter((n) => n.endsWith(".json")).sort();
  return names.map((n) => {
    const file = displayPath(join(path, n));
    return { file, entry: parseCorpusEntry(readText(join(path, n)), file) };
  });
}

/** The nearest folder of `path` (itself or an ancestor) that exists. */
function nearestFolder(path: string): string {
  let dir = resolve(path);
  while (!existsSync(dir)) dir = dirname(dir);
  return dir;
}

/** Fails early, before any work, if `file` cannot be created or overwritten. */
export function checkWritableFile(file: string): void {
  const parent = dirname(resolve(file));
  if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new UsageError(`cannot write ${file}: folder ${dirname(file)} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`cannot write ${file}: it is a folder`);
  try {
    accessSync(existsSync(file) ? file : parent, constants.W_OK);
  } catch {
    throw new UsageError(`cannot write ${file}: permission denied`);
  }
}

/** Fails early if `dir` cannot be a folder the run saves into. */
export function checkSaveFolder(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`cannot save to ${dir}: it is not a folder`);
  const base = nearestFolder(dir);
  if (!statSync(base).isDirectory()) throw new UsageError(`cannot save to ${dir}: ${base} is not a folder`);
  try {
    accessSync(base, constants.W_OK);
  } catch {
    throw new UsageError(`cannot save to ${dir}: permission denied`);
  }
}

/** Writes `text` to `file`, or throws a one-line UsageError. */
export function writeText(file: string, text: string): void {
  writeBytes(file, text);
}

/** Writes bytes (or text) to a file, or throws a one-line UsageError. */
export function writeBytes(file: string, data: string | Uint8Array): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${reason(e)}`);
  }
}

/** --save: writes a corpus entry and a vitest file per generated failure; returns one line per pair written. */
export function writeSaved(dir: string, r: AuditResult): string[] {
  const saved = savedFailures(r, VERSION);
  if (saved.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  return saved.map((s) => {
    const base = join(dir, s.name);
    const written: string[] = [];
    const put = (ext: string, text: string | undefined): void => {
      if (text === undefined) return;
      writeText(`${base}${ext}`, text);
      written.push(`${base}${ext}`);
    };
    put(".json", s.json);
    put(".test.ts", s.test);
    put(".py", s.script);
    if (s.script !== undefined) chmodSync(`${base}.py`, 0o755);
    const run = s.script === undefined ? "" : ` (run: python3 ${base}.py${r.target.peer === undefined ? " [QEMU]" : " QEMU PEER"})`;
    const why = s.json === undefined ? "; no corpus entry: an entry cannot hold the workload's store yet, the script and the replay line carry it" : "";
    return written.length === 0 ? `nothing saved for ${s.name}: neither a corpus entry nor a script can hold it` : `saved ${written.join(", ").replace(/, ([^,]*)$/, " and $1")}${run}${why}`;
  });
}
