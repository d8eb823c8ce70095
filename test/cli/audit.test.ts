// Why: the CLI as users run it: byte-identical output for the same invocation, the documented exit codes, one-line errors.

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["bin/pflash-audit.js", ...args], { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("pflash-audit", () => {
  it("prints the same bytes twice for the same invocation, and exits 1 on a failure", () => {
    const args = ["run", "--target", "impl:qemu-2.1", "--property", "P1,P4", "--runs", "200"];
    const a = cli(...args);
    const b = cli(...args);
    expect(a.code).toBe(1);
    expect(a.out).toBe(b.out);
    expect(a.err).toBe("");
    expect(a.out).toContain("P1 load invariant: FAILED on port qemu-2.1");
    expect(a.out).toContain("P4 no write to an inactive image: held on port qemu-2.1 (200 sequences)");
    expect(a.out).toContain("replay: npx pflash-audit run --target impl:qemu-2.1 --property P1 --seed 20141009 --max-steps 30 --path ");
  });

  it("replays a printed counterexample exactly", () => {
    const first = cli("run", "--target", "impl:qemu-2.2", "--property", "P4", "--runs", "100");
    const replay = /replay: npx pflash-audit (.*)/.exec(first.out)?.[1]?.split(" ") ?? [];
    const again = cli(...replay);
    expect(again.code).toBe(1);
    expect(again.out).toContain("1. migrate to B (shared, autostart)   <-- fails here");
  });

  it("exits 0 when every property held", () => {
    const r = cli("--target", "impl:proposed-fix", "--property", "P3", "--runs", "50");
    expect([r.code, r.out.trim().split("\n").at(-1)]).toEqual([0, "every property held"]);
  });

  it("exits 2 with one line and no stack trace on bad input", () => {
    const r = cli("--runs", "-3");
    expect(r).toEqual({ code: 2, out: "", err: "pflash-audit: --runs must be between 1 and 1000000, got -3\n" });
  });
});
