// Why: every file the CLI reads or writes goes through here: corpus folders, replay files, reports and saved reproducers.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCorpusEntry, type CorpusFile } from "../replay/corpus.js";
import { UsageError, type CorpusChoice } from "./args.js";

/** The project's root folder (where corpus/ and properties/ live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Reads a text file, or throws a one-line UsageError. */
export function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : code === "EACCES" ? "permission denied" : String(code)}`);
  }
}

/** Loads every *.json of the chosen corpus folder, in file-name order; the project's own may be absent. */
export function loadCorpus(choice: CorpusChoice): CorpusFile[] {
  if (choice.kind === "none") return [];
  const own = choice.kind === "project";
  const dir = own ? "corpus" : choice.path;
  const path = own ? join(PROJECT_ROOT, "corpus") : dir;
  if (!existsSync(path)) {
    if (own) return [];
    throw new UsageError(`corpus folder ${dir} does not exist`);
  }
  if (!statSync(path).isDirectory()) throw new UsageError(`corpus ${dir} is not a folder`);
  const names = readdirSync(path).filter((n) => n.endsWith(".json")).sort();
  return names.map((n) => {
    const file = own ? `corpus/${n}` : join(dir, n);
    return { file, entry: parseCorpusEntry(readText(join(path, n)), file) };
  });
}

/** Fails early, before any work, if `file` cannot be created. */
export function checkWritableFile(file: string): void {
  const parent = dirname(resolve(file));
  if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new UsageError(`cannot write ${file}: folder ${dirname(file)} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`cannot write ${file}: it is a folder`);
}

/** Fails early if `dir` exists and is not a folder. */
export function checkSaveFolder(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`cannot save to ${dir}: it is not a folder`);
}

/** Writes `text` to `file`. */
export const writeText = (file: string, text: string): void => writeFileSync(file, text);

/** Creates `dir` (and parents) and returns the import path from it to the project root, e.g. "../..". */
export function prepareSaveFolder(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const rel = relative(resolve(dir), PROJECT_ROOT).split(sep).join("/");
  return rel === "" ? "." : rel;
}
