// Why: one temporary folder per harness run, with a subfolder per live target that the next target reuses: creating and removing a folder per sequence cost more harness time than the sequence's qtest traffic.

import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Launcher } from "./launcher.js";
import { trackFolder } from "./reaper.js";

let root: string | null = null;
const free: string[] = [];
let made = 0;

/**
 * Where the run folder may go, in order: `TMPDIR` when the user set it; else `/dev/shm` (memory:
 * drives and migration streams never reach a disk) when this machine has one, then the system's
 * temporary folder.
 */
export function scratchBases(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.TMPDIR) return [tmpdir()];
  return existsSync("/dev/shm") ? ["/dev/shm", tmpdir()] : [tmpdir()];
}

/** The longest path of a unix socket (sun_path holds 108 bytes with the terminating zero). */
export const SOCKET_PATH_MAX = 107;

/** The longest socket path the harness makes under a run folder in `base`: `<base>/pflash-audit-XXXXXX/t999/C.qtest`. */
const socketPathIn = (base: string): number => Buffer.byteLength(join(base, "pflash-audit-XXXXXX", "t999", "C.qtest"));

/** Why QEMU's sockets cannot live under the scratch folder, or null when they can. */
export function scratchProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const base = scratchBases(env).at(-1) ?? tmpdir();
  const over = socketPathIn(base) - SOCKET_PATH_MAX;
  if (over <= 0) return null;
  return `TMPDIR is too long for QEMU's unix sockets (${base}: socket paths under it would be ${over} bytes over the limit of ${SOCKET_PATH_MAX}); set TMPDIR to a shorter folder`;
}

/** This run's folder, made on first use and removed when the process exits (the reaper). */
export function runFolder(): string {
  if (root) return root;
  const bases = scratchBases();
  for (const [i, base] of bases.entries()) {
    try {
      root = mkdtempSync(join(base, "pflash-audit-"));
      break;
    } catch (e) {
      if (i === bases.length - 1) throw e;
    }
  }
  trackFolder(root!);
  Launcher.removeOnExit(root!);
  return root!;
}

/** `text` with this run's folder (a random name) written as `$RUN`, so that reports read the same on every run. */
export function withoutRunFolder(text: string): string {
  return root ? text.replaceAll(root, "$RUN") : text;
}

/** A folder for one target, only its own until `release` is called; files left in it are overwritten by the next owner. */
export interface Workspace {
  readonly dir: string;
  release(): void;
}

/** Takes a free target folder, or makes one. */
export function takeWorkspace(): Workspace {
  let dir = free.pop();
  if (dir === undefined) {
    dir = join(runFolder(), `t${made++}`);
    mkdirSync(dir);
  }
  let released = false;
  const own = dir;
  return {
    dir: own,
    release: () => {
      if (released) return;
      released = true;
      free.push(own);
    },
  };
}
