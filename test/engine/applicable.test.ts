// Why: which steps can happen during a live migration decides what the generator's windows really exercise.

import { describe, expect, it } from "vitest";
import { applicable } from "../../engine/applicable.js";
import { x86pc } from "../../generators/geometries.js";
import { boot, step, type Op } from "../../model/index.js";

const geometry = x86pc(1);
const start = boot({ geometry, template: () => new Uint8Array(4096).fill(0xff), readOnly: false });
const m = { to: "B", storage: "shared", readOnly: false, autostart: true } as const;
const live = step(start, { kind: "migrate-start", ...m }).world;
const can = (ops: Op[]) => ops.map((op) => applicable(live, op));

describe("applicable during a live migration", () => {
  it("lets the guest read, write and reset the source, and ends the migration three ways", () => {
    expect(can([{ kind: "read", offset: 0, width: 1 }, { kind: "write", offset: 0, width: 1, value: 0 }, { kind: "reset" }])).toEqual([true, true, true]);
    expect(can([{ kind: "migrate-finish" }, { kind: "migrate-cancel" }, { kind: "migrate-fail" }])).toEqual([true, true, true]);
  });

  it("refuses a second migration and a cold boot until it ends, and lets management stop the source", () => {
    expect(can([{ kind: "migrate", ...m, to: "C" }, { kind: "migrate-start", ...m, to: "C" }, { kind: "cold-boot" }, { kind: "stop" }])).toEqual([false, false, false, true]);
  });

  it("resumes a stopped source in the first pass only: at the pre-switchover pause QEMU refuses cont", () => {
    const stopped = (position?: "first-pass") => step(step(start, { kind: "migrate-start", ...m, ...(position ? { position } : {}) }).world, { kind: "stop" }).world;
    expect([applicable(stopped("first-pass"), { kind: "cont" }), applicable(stopped(), { kind: "cont" })]).toEqual([true, false]);
    expect(applicable(stopped(), { kind: "write", offset: 0, width: 1, value: 0 })).toBe(false);
  });

  it("has no end to apply when none is in progress; a paused VM migrates live too, and its window holds no guest access and no stop", () => {
    expect(applicable(start, { kind: "migrate-finish" })).toBe(false);
    const paused = step(start, { kind: "stop" }).world;
    expect(applicable(paused, { kind: "migrate-start", ...m })).toBe(true);
    const window = step(paused, { kind: "migrate-start", ...m, position: "first-pass" }).world;
    const kinds = [{ kind: "read", offset: 0, width: 1 }, { kind: "stop" }, { kind: "cont" }, { kind: "reset" }, { kind: "migrate-cancel" }] as const;
    expect(kinds.map((op) => applicable(window, op))).toEqual([false, false, true, true, true]);
  });

  it("resumes a VM in prelaunch (reset while paused) as it resumes a paused one", () => {
    const prelaunch = step(step(start, { kind: "stop" }).world, { kind: "reset" }).world;
    expect([prelaunch.vm.run, applicable(prelaunch, { kind: "cont" }), applicable(prelaunch, { kind: "stop" })]).toEqual(["prelaunch", true, false]);
  });
});
