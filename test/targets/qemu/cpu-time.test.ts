// Why: the overhead figure is only as good as its reading of the shell's `times`.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { accountTimes, cpuAccount, parseTimes, procCpuSeconds } from "../../../targets/qemu/cpu-time.js";

describe("parseTimes", () => {
  it("reads dash's form: the wrapper's own time, then its children's", () => {
    expect(parseTimes("0m0.004000s 0m0.002000s\n0m1.250000s 0m0.500000s\n")).toEqual({ wrapper: 0.006, program: 1.75 });
  });

  it("reads bash's form and whole minutes", () => {
    expect(parseTimes("0m0.010s 0m0.000s\n2m1.500s 0m0.500s\n")).toEqual({ wrapper: 0.01, program: 122 });
  });

  it("refuses anything else", () => {
    expect(parseTimes("")).toBeNull();
    expect(parseTimes("0m0.1s 0m0.1s\n")).toBeNull();
  });
});

describe("accountTimes", () => {
  const dir = mkdtempSync(join(tmpdir(), "pflash-audit-test-"));
  const file = join(dir, "x.times");
  writeFileSync(file, "0m0.001000s 0m0.001000s\n0m0.300000s 0m0.100000s\n");
  afterEach(() => Object.assign(cpuAccount, { enabled: false, qemu: 0, qemuUntilQuit: 0, wrappers: 0 }));

  it("adds nothing while accounting is off", () => {
    accountTimes(file);
    expect(cpuAccount).toEqual({ enabled: false, qemu: 0, qemuUntilQuit: 0, wrappers: 0 });
  });

  it("adds the program's and the wrapper's time while it is on, and skips a missing file", () => {
    cpuAccount.enabled = true;
    accountTimes(file);
    accountTimes(join(dir, "missing"));
    expect(cpuAccount.qemu).toBeCloseTo(0.4);
    expect(cpuAccount.wrappers).toBeCloseTo(0.002);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("procCpuSeconds", () => {
  it("is this process's own time as /proc counts it, and 0 for no process", () => {
    expect(procCpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(procCpuSeconds(undefined)).toBe(0);
  });
});
