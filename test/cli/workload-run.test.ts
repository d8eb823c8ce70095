// Why: `run --workload` is a user-facing search: its replay line must replay it, its report must say what it ran around, and its bad input must be one line.

import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./cli.js";

const FIRST = "workloads/ovmf-2022.11-first-boot.json";

describe("pflash-audit run --workload", () => {
  it("reports a failure with a replay line that replays it, and saves only its script", () => {
    const dir = mkdtempSync(join(tmpdir(), "pflash-audit-wl-"));
    try {
      const r = cli("run", "--workload", FIRST, "--property", "P9", "--runs", "30", "--save", dir);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`30 sequences per property around workload ${FIRST} (its accesses, kept whole or cut down, with host events placed between them)`);
      expect(r.out).toContain("    workload used: ");
      const replay = /replay: npx pflash-audit (.*)$/m.exec(r.out)?.[1] ?? "";
      expect(replay).toContain(`--workload ${FIRST} --path `);
      const again = cli(...replay.split(" "));
      expect(again.code).toBe(1);
      const steps = (out: string): string => out.slice(out.indexOf("  steps:"), out.indexOf("  replay:"));
      expect(steps(again.out)).toBe(steps(r.out));
      expect(readdirSync(dir)).toEqual(["impl-qemu-7.2.22-P9.py"]);
      expect(r.err).toContain("no corpus entry: an entry cannot hold the workload's store yet");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [["run", "--workload", FIRST, "--flash-size", "64K"], "pflash-audit: --workload runs on the workload's own flash: --flash-size does not apply\n"],
    [["run", "--workload", "no-such.json"], "pflash-audit: cannot read no-such.json: no such file\n"],
  ])("%j: exit 2, one line", (args, err) => {
    expect(cli(...args)).toEqual({ code: 2, out: "", err });
  });

  it("refuses a file that is not a workload in one line, exit 2", () => {
    const r = cli("run", "--workload", "corpus/qemu-7.2.22-P1-paused-destination-stale.json");
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(/^pflash-audit: corpus\/qemu-7\.2\.22-P1-paused-destination-stale\.json: .*\n$/);
  });
});
