// Why: the committed OVMF workloads are real firmware traffic; the port must replay them exactly, and a workload file must be exact about what it holds.

import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseWorkload, serializeWorkload, sha256, WorkloadError, type Workload } from "../../replay/workload.js";
import { replayWorkload } from "../../replay/workload-replay.js";
import { portTarget } from "../../targets/port.js";

const files = readdirSync("workloads").filter((f) => f.endsWith(".json")).sort();
const load = (f: string): Workload => parseWorkload(readFileSync(`workloads/${f}`, "utf8"), f);

describe("the committed firmware workloads", () => {
  it("are OVMF's first boot from the pristine store and its second boot from what the first left", () => {
    expect(files).toEqual(["ovmf-2022.11-first-boot.json", "ovmf-2022.11-second-boot.json"]);
    const [first, second] = files.map(load);
    expect(first?.vars.finalSha256).toBe(second?.vars.sha256);
    expect([first?.accesses.length, second?.accesses.length]).toEqual([31537, 6947]);
    expect(first?.qemu).toMatch(/^QEMU emulator version 7\.2\.22 /);
  });

  it.each(files.flatMap((f) => ["qemu-7.2.22", "qemu-10.0", "proposed-fix"].map((v) => [f, v])))("%s replays exactly on the %s port: every read as recorded, the store byte-identical", async (f, variant) => {
    const r = await replayWorkload(load(f), portTarget(variant));
    expect({ same: r.same, storeSame: r.storeSame, readDiffers: r.readDiffers }).toEqual({ same: true, storeSame: true, readDiffers: undefined });
  });

  it("says where a replay departs: a read answered otherwise, a store that ends otherwise", async () => {
    const w = load(files[1] as string);
    const i = w.accesses.findIndex((a) => a.kind === "read");
    const read = w.accesses[i];
    if (read?.kind !== "read") throw new Error("expected a read");
    const wrongRead: Workload = { ...w, accesses: w.accesses.map((a, j) => (j === i ? { ...read, answer: read.answer ^ 0xff } : a)) };
    expect((await replayWorkload(wrongRead, portTarget("qemu-7.2.22"))).readDiffers).toEqual({ index: i + 1, access: { ...read, answer: read.answer ^ 0xff }, got: read.answer });
    const wrongStore: Workload = { ...w, vars: { ...w.vars, finalSha256: sha256(new Uint8Array(1)) } };
    expect(await replayWorkload(wrongStore, portTarget("qemu-7.2.22"))).toMatchObject({ same: false, storeSame: false });
  });

  it("serializes to the same bytes it was read from", () => {
    for (const f of files) expect(serializeWorkload(load(f))).toBe(readFileSync(`workloads/${f}`, "utf8"));
  });
});

describe("parseWorkload", () => {
  const good = JSON.parse(readFileSync(`workloads/${files[1]}`, "utf8"));
  const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
  const lines = (text: string) => gzipSync(Buffer.from(text)).toString("base64");

  it.each([
    ["[]", "x.json: not a workload (schema must be \"pflash-audit/workload\")"],
    [bad({ version: 2 }), "x.json: workload schema version 2 is not 1"],
    [bad({ vars: { ...good.vars, size: 1000 } }), "x.json: vars.size 1000 is not a positive multiple of 4096"],
    [bad({ vars: { ...good.vars, sha256: "0" } }), "x.json: vars.initial does not match vars.size and vars.sha256"],
    [bad({ accesses: { ...good.accesses, count: 1 } }), "x.json: accesses.count says 1, the lines hold 6947"],
    [bad({ accesses: { count: 1, lines: lines("x 0 1 0") } }), 'x.json: access 1 is not "w|r OFFSET WIDTH VALUE" in hex: "x 0 1 0"'],
    [bad({ accesses: { count: 1, lines: lines("w 1 2 0") } }), "x.json: access 1: offset 0x1 is not an aligned offset inside the 131072-byte store"],
    [bad({ stop: { marker: 3, seconds: 1 } }), "x.json: stop must be { marker, seconds }"],
  ])("refuses %s", (text, message) => {
    expect(() => parseWorkload(text, "x.json")).toThrow(WorkloadError);
    expect(() => parseWorkload(text, "x.json")).toThrow(message);
  });
});
