// Why: on a QEMU target --jobs runs sequences side by side (engine/scan.ts); the report must be the --jobs 1 report, byte for byte, held or failed.

import { describe, expect, it } from "vitest";
import { cli } from "../../cli/cli.js";
import { HAVE_QEMU, HAVE_QEMU10, QEMU, QEMU10 } from "./helpers.js";

describe.skipIf(!HAVE_QEMU || !HAVE_QEMU10)("--jobs on a QEMU target", () => {
  it.each([
    ["held", QEMU10, "P1", "30"],
    ["a failure, shrunk", QEMU, "P2", "20"],
  ])("%s: two jobs print the one-job report byte for byte, with its exit code", (_what, binary, property, runs) => {
    const run = (jobs: string) => cli("run", "--target", `qemu:${binary}`, "--property", property, "--runs", runs, "--no-corpus", "--jobs", jobs, "--format", "json");
    const [one, two] = [run("1"), run("2")];
    expect(one.err).not.toContain("pflash-audit:");
    expect(two.out).toBe(one.out);
    expect(two.code).toBe(one.code);
  }, 120_000);
});
