// Why: no QEMU process or temporary folder outlives a run, even one that is interrupted or crashes.

import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

const groups = new Set<ChildProcess>();
const pids = new Set<number>();
const folders = new Set<string>();
let installed = false;

const kill = (pid: number): void => {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
};

/** Never throws: it runs in exit and signal handlers, where a throw would replace the exit status. */
function cleanup(): void {
  // Whole groups first, in one go: a launcher's wrappers die with their programs and cannot write into a folder being removed.
  for (const c of groups) if (c.pid !== undefined) kill(-c.pid);
  groups.clear();
  for (const p of pids) kill(p);
  pids.clear();
  for (const f of folders) {
    try {
      rmSync(f, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // left for the launcher's exit trap, or the system's temporary-file cleaning
    }
  }
  folders.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", cleanup);
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(code);
    });
  }
}

/** Kills `c` and every process in its group (it must lead its own: spawned `detached`) when this process exits or is interrupted. */
export function trackGroup(c: ChildProcess): void {
  install();
  groups.add(c);
}

/** Kills process `pid` (started by the launcher) when this process exits or is interrupted. */
export function trackPid(pid: number): void {
  install();
  pids.add(pid);
}

/** Process `pid` has exited. */
export function untrackPid(pid: number): void {
  pids.delete(pid);
}

/** Removes `dir` when this process exits or is interrupted. */
export function trackFolder(dir: string): void {
  install();
  folders.add(dir);
}
