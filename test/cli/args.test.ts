// Why: every bad flag gets one clear line; every good one lands in the command.

import { describe, expect, it } from "vitest";
import { OPTIONS, parseArgs, parseSize, UsageError } from "../../cli/args.js";
import { exitCode } from "../../cli/exit-code.js";
import { helpText } from "../../cli/help.js";
import { PROPERTIES } from "../../properties/index.js";

const ALL = ["P1", "P1-strict", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"];

describe("parseArgs", () => {
  it("defaults to an audit of every property on qemu-7.2.22 with the fixed seed, replaying the project's corpus", () => {
    expect(parseArgs([])).toEqual({ kind: "run", target: "impl:qemu-7.2.22", properties: ALL, corpus: { kind: "project" }, seed: 20141009, maxSteps: 30, verbose: false, format: "text" });
  });

  it("reads every run option, in both --flag value and --flag=value forms", () => {
    expect(
      parseArgs(["run", "--target=impl:qemu-2.1", "--property", "P1,P5", "--seed", "-4", "--runs=10", "--max-steps", "8", "--storage", "shared,block", "--flash-size", "128K", "--format", "json", "--save", "out", "--no-corpus", "--verbose", "--min-coverage", "5", "--time-limit", "2m", "--jobs", "2"]),
    ).toEqual({
      kind: "run", target: "impl:qemu-2.1", properties: ["P1", "P5"], corpus: { kind: "none" }, save: "out", seed: -4, runs: 10, maxSteps: 8,
      storage: ["shared", "block"], flashSize: 131072, flashSizeText: "128K", minCoverage: 5, timeLimit: 120, verbose: true, format: "json", jobs: 2,
    });
    expect(parseArgs(["--seed", "random"], { randomSeed: () => 777 })).toMatchObject({ seed: 777, seedRandom: true });
    expect(parseArgs(["--version"])).toEqual({ kind: "version" });
    expect(parseArgs(["--time-limit", "90"])).toMatchObject({ timeLimit: 90 });
    expect(parseArgs(["--property", "P2", "--path", "3:1:0"])).toMatchObject({ path: "3:1:0" });
    expect(parseArgs(["--report", "bug.md"])).toMatchObject({ format: "markdown", report: "bug.md" });
    expect(parseArgs(["--report", "r.json"])).toMatchObject({ format: "json" });
    expect(parseArgs(["--report", "r.json", "--format", "text"])).toMatchObject({ format: "text" });
    expect(parseArgs(["--corpus", "mine"])).toMatchObject({ corpus: { kind: "folder", path: "mine" } });
    expect(parseArgs(["--peer", "impl:qemu-10.0"])).toMatchObject({ target: "impl:qemu-7.2.22", peer: "impl:qemu-10.0" });
    expect(parseArgs(["diff", "--target", "qemu:a", "--peer", "qemu:b"])).toMatchObject({ kind: "diff", target: "qemu:a", peer: "qemu:b" });
    expect(parseArgs(["replay", "x.json", "--peer", "impl:qemu-10.0"])).toMatchObject({ kind: "replay", peer: "impl:qemu-10.0" });
    expect(parseArgs(["record", "--out", "w.json", "--until", "none", "--seconds", "5", "--vars-out", "v.fd"])).toEqual({
      kind: "record", target: "qemu:qemu-system-x86_64", firmware: "/usr/share/OVMF/OVMF_CODE.fd", vars: "/usr/share/OVMF/OVMF_VARS.fd", marker: null, seconds: 5, note: "", out: "w.json", varsOut: "v.fd",
    });
  });

  it("parses the other commands and --help everywhere", () => {
    expect(parseArgs(["variants", "--format", "markdown"])).toEqual({ kind: "variants", format: "markdown" });
    expect(parseArgs(["replay", "x.json", "--target", "impl:proposed-fix"])).toEqual({ kind: "replay", file: "x.json", target: "impl:proposed-fix", format: "text" });
    expect(parseArgs(["diff", "--target", "impl:qemu-2.1", "--baseline", "impl:qemu-2.2", "--runs", "5"])).toEqual({
      kind: "diff", target: "impl:qemu-2.1", baseline: "impl:qemu-2.2", seed: 20141009, runs: 5, maxSteps: 30, verbose: false, format: "text",
    });
    expect(parseArgs(["--help"])).toEqual({ kind: "help", topic: null });
    expect(parseArgs(["run", "-h"])).toEqual({ kind: "help", topic: "run" });
    expect(parseArgs(["diff", "--help"])).toEqual({ kind: "help", topic: "diff" });
    for (const t of [null, "run", "variants", "replay", "diff", "report", "record"] as const) expect(helpText(t)).toMatch(/usage: pflash-audit/);
    expect(helpText("diff")).toContain("examples:");
  });

  it.each([
    [["--runs", "abc"], '--runs must be an integer, got "abc"'],
    [["--runs", "0"], "--runs must be between 1 and 1000000, got 0"],
    [["--runs", "1e3"], '--runs must be an integer, got "1e3"'],
    [["--max-steps", "5000"], "--max-steps must be between 1 and 1000, got 5000"],
    [["--seed"], "--seed needs a value"],
    [["--seed", "1", "--seed", "2"], "--seed given twice"],
    [["--target", "vm:/usr/bin/x"], '--target: target must be impl:<variant> or qemu:<binary>, got "vm:/usr/bin/x"'],
    [["--target", "impl:qemu-9"], '--target: unknown variant "qemu-9"; known: qemu-2.1, qemu-2.2, qemu-7.2.8, qemu-7.2.22, qemu-10.0, proposed-fix'],
    [["--property", "P10"], '--property: unknown "P10"; known: P1, P1-strict, P2, P3, P4, P5, P6, P7, P8, P9'],
    [["--storage", "nfs"], '--storage: unknown "nfs"; known: shared, non-shared, block, block-inc'],
    [["--format", "html"], '--format: unknown "html"; known: text, markdown, json'],
    [["--flash-size", "3K"], "--flash-size must be a positive multiple of 4K up to 256M, got 3K"],
    [["--flash-size", "1G"], '--flash-size must be a byte count with an optional K or M suffix, got "1G"'],
    [["--path", "x"], '--path must look like 12:0:3, got "x"'],
    [["--path", "1:2"], "--path replays one property: give exactly one --property"],
    [["--corpus", "a", "--no-corpus"], "--corpus and --no-corpus exclude each other"],
    [["--frobnicate"], "unknown option --frobnicate"],
    [["run", "extra"], 'unexpected argument "extra"'],
    [["frob"], 'unknown command "frob"; commands: run, variants, replay, diff, report, record'],
    [["replay"], "replay needs exactly one FILE"],
    [["replay", "a.json", "--runs", "3"], "unknown option --runs"],
    [["diff", "--target", "impl:qemu-2.1"], "diff needs --baseline (only a qemu: target has a default: its matching port variant)"],
    [["diff"], "diff needs --target"],
    [["diff", "--target", "impl:qemu-2.1", "--baseline", "impl:nope"], '--baseline: unknown variant "nope"'],
    [["variants", "x"], 'unexpected argument "x"'],
    [["variants", "--no-corpus"], "variants has no option --no-corpus"],
    [["--target", "--runs", "5"], "--target needs a value, got the option --runs"],
    [["--no-corpus=yes"], '--no-corpus takes no value, got "yes"'],
    [["--verbose=1"], '--verbose takes no value, got "1"'],
    [["--version", "run"], "--version takes nothing else"],
    [["--time-limit", "soon"], '--time-limit must be a positive number of seconds (e.g. 90, 90s or 5m), got "soon"'],
    [["--min-coverage", "0"], "--min-coverage must be between 1 and 1000000, got 0"],
    [["--property", "P1", "--path", "1:2", "--seed", "random"], "--path replays a path of a given seed: --seed random cannot find it again"],
    [["diff", "--target", "impl:qemu-2.1", "--baseline", "impl:qemu-2.2", "--min-coverage", "2"], "unknown option --min-coverage"],
    [["replay", "x.json", "--verbose"], "replay has no option --verbose"],
    [["--target", "impl:qemu-7.2.22", "--peer", "qemu:/usr/bin/qemu-system-x86_64"], "--peer must be the same kind of target as --target (impl: with impl:, qemu: with qemu:), got impl: and qemu:"],
    [["--peer", "impl:qemu-7.2.22"], "--peer names the target itself (impl:qemu-7.2.22): a peer is another version"],
    [["--peer", "impl:qemu-11"], '--peer: unknown variant "qemu-11"'],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it("parses sizes", () => {
    expect([parseSize("4096"), parseSize("64M"), parseSize("128k")]).toEqual([4096, 64 * 2 ** 20, 131072]);
  });
});

describe("exitCode", () => {
  const result = (status: "held" | "failed", id: "P1" | "P1-strict") => ({
    target: { spec: "impl:x", description: "x" },
    plan: { properties: [PROPERTIES[id]], seed: 1, runs: 1, maxSteps: 1 },
    corpusReplayed: [],
    outcomes: [status === "held" ? { property: PROPERTIES[id], status, runs: 1 } : ({ property: PROPERTIES[id], status, runs: 1 } as never)],
  });

  it("is 0 when everything held, 1 on a failure or a difference, and ignores advisory misses", () => {
    expect(exitCode({ kind: "audit", result: result("held", "P1") })).toBe(0);
    expect(exitCode({ kind: "audit", result: result("failed", "P1") })).toBe(1);
    expect(exitCode({ kind: "audit", result: result("failed", "P1-strict") })).toBe(0);
    expect(exitCode({ kind: "diff", outcome: { status: "same", runs: 3 } })).toBe(0);
    expect(exitCode({ kind: "diff", outcome: { status: "different" } as never })).toBe(1);
    expect(exitCode({ kind: "done" })).toBe(0);
    expect(exitCode({ kind: "usage" })).toBe(2);
    expect(exitCode({ kind: "crash" })).toBe(3);
  });
});

describe("help agrees with the parser", () => {
  it.each(["run", "variants", "replay", "diff", "report", "record"] as const)("%s --help documents exactly the options %s takes", (topic) => {
    const documented = new Set([...helpText(topic).matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]));
    expect([...documented].sort()).toEqual([...OPTIONS[topic]].sort());
  });
});
