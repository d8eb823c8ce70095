// Why: no QEMU process, socket or temporary file may outlive a run, also one interrupted with Ctrl-C.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HAVE_QEMU, QEMU } from "./helpers.js";

const running = (marker: string): string[] =>
  (spawnSync("pgrep", ["-f", marker], { encoding: "utf8" }).stdout ?? "").split("\n").filter((l) => l !== "");

/** Our temporary folders in `dir` (tsx keeps its own compile cache there, tsx-<uid>, on purpose). */
const ours = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith("pflash-audit-"));

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

describe.skipIf(!HAVE_QEMU)("cleanup", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("a run interrupted by %s leaves no QEMU process and no temporary folder", async (signal) => {
    const scratch = mkdtempSync(join(tmpdir(), "pflash-audit-cleanup-"));
    try {
      const child = spawn(process.execPath, ["bin/pflash-audit.js", "run", "--target", `qemu:${QEMU}`, "--property", "P2", "--runs", "100000", "--no-corpus", "--jobs", "2"], {
        env: { ...process.env, TMPDIR: scratch, CI: "true" },
        stdio: "ignore",
      });
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      expect(await until(() => running(scratch).length > 0, 20_000)).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(signal === "SIGINT" ? 130 : 143);
      expect(await until(() => running(scratch).length === 0, 5_000)).toBe(true);
      expect(ours(scratch)).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  // Several moments: a launch or a wrapper's last write racing the exit trap once left a folder behind.
  it.each([0, 170, 430])("a harness killed outright (SIGKILL %i ms after its first QEMU: nothing of it runs) leaves no QEMU process and no temporary folder", async (delay) => {
    const scratch = mkdtempSync(join(tmpdir(), "pflash-audit-cleanup-"));
    try {
      const child = spawn(process.execPath, ["bin/pflash-audit.js", "run", "--target", `qemu:${QEMU}`, "--property", "P2", "--runs", "100000", "--no-corpus", "--jobs", "2"], {
        env: { ...process.env, TMPDIR: scratch, CI: "true" },
        stdio: "ignore",
      });
      const exited = new Promise<NodeJS.Signals | null>((r) => child.once("exit", (_code, signal) => r(signal)));
      expect(await until(() => running(scratch).length > 0, 20_000)).toBe(true);
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      expect(await until(() => running(scratch).length === 0 && ours(scratch).length === 0, 5_000)).toBe(true);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("a finished run leaves nothing behind either", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "pflash-audit-cleanup-"));
    try {
      const r = spawnSync(process.execPath, ["bin/pflash-audit.js", "run", "--target", `qemu:${QEMU}`, "--property", "P1", "--runs", "3"], {
        env: { ...process.env, TMPDIR: scratch, CI: "true" },
        encoding: "utf8",
      });
      expect(r.status).toBe(1);
      expect(running(scratch)).toEqual([]);
      expect(ours(scratch)).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
