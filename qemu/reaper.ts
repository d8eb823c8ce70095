// Why: no QEMU process or temporary folder outlives a run, even one that is interrupted or crashes.

import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

const children = new Set<ChildProcess>();
const pids = new Set<number>();
const folders = new Set<string>();
let installed = false;

function cleanup(): void {
  for (const p of pids) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already gone
    }
  }
  pids.clear();
  for (const c of children) c.kill("SIGKILL");
  children.clear();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
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

/** Kills `c` when this process exits or is interrupted. */
export function track(c: ChildProcess): void {
  install();
  children.add(c);
}

/** `c` has exited. */
export function untrack(c: ChildProcess): void {
  children.delete(c);
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

/** Removes `dir` when this process exits or is interrupted, unless released first. */
export function trackFolder(dir: string): void {
  install();
  folders.add(dir);
}

/** Removes `dir` now. */
export function releaseFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  folders.delete(dir);
}
