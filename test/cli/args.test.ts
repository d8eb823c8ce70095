// Why: every bad flag gets one clear line; every good one lands in the plan.

import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../cli/args.js";
import { exitCode } from "../../cli/exit-code.js";

describe("parseArgs", () => {
  it("defaults to an audit of every property on qemu-7.2.22 with the fixed seed", () => {
    expect(parseArgs([])).toEqual({
      kind: "run",
      variant: "qemu-7.2.22",
      properties: ["P1", "P1-strict", "P2", "P3", "P4", "P5", "P6"],
      seed: 20141009,
      runs: 1000,
      maxSteps: 30,
    });
  });

  it("reads every option, in both --flag value and --flag=value forms", () => {
    expect(parseArgs(["run", "--target=impl:qemu-2.1", "--property", "P1,P5", "--seed", "-4", "--runs=10", "--max-steps", "8", "--storage", "shared,block"])).toEqual({
      kind: "run",
      variant: "qemu-2.1",
      properties: ["P1", "P5"],
      seed: -4,
      runs: 10,
      maxSteps: 8,
      storage: ["shared", "block"],
    });
    expect(parseArgs(["--property", "P2", "--path", "3:1:0"])).toMatchObject({ path: "3:1:0" });
    expect(parseArgs(["--help"])).toEqual({ kind: "help" });
  });

  it.each([
    [["--runs", "abc"], '--runs must be an integer, got "abc"'],
    [["--runs", "0"], "--runs must be between 1 and 1000000, got 0"],
    [["--max-steps", "5000"], "--max-steps must be between 1 and 1000, got 5000"],
    [["--seed"], "--seed needs a value"],
    [["--target", "qemu:/usr/bin/x"], '--target must be impl:<variant>, got "qemu:/usr/bin/x"'],
    [["--target", "impl:qemu-9"], 'unknown variant "qemu-9"; known: qemu-2.1, qemu-2.2, qemu-7.2.8, qemu-7.2.22, proposed-fix'],
    [["--property", "P7"], '--property: unknown "P7"; known: P1, P1-strict, P2, P3, P4, P5, P6'],
    [["--storage", "nfs"], '--storage: unknown "nfs"; known: shared, non-shared, block, block-inc'],
    [["--path", "x"], '--path must look like 12:0:3, got "x"'],
    [["--path", "1:2"], "--path replays one property: give exactly one --property"],
    [["--frobnicate"], "unknown option --frobnicate"],
    [["replay"], 'unknown command "replay"'],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe("exitCode", () => {
  const result = (status: "held" | "failed", id: "P1" | "P1-strict") => ({
    target: "t",
    plan: { properties: [id], seed: 1, runs: 1, maxSteps: 1 },
    outcomes: [status === "held" ? { id, status, runs: 1 } : ({ id, status, runs: 1 } as never)],
  });

  it("is 0 when everything held, 1 on a failure, and ignores advisory misses", () => {
    expect(exitCode({ kind: "audit", result: result("held", "P1") })).toBe(0);
    expect(exitCode({ kind: "audit", result: result("failed", "P1") })).toBe(1);
    expect(exitCode({ kind: "audit", result: result("failed", "P1-strict") })).toBe(0);
    expect(exitCode({ kind: "usage" })).toBe(2);
    expect(exitCode({ kind: "crash" })).toBe(3);
  });
});
