// Why: the corpus is a contract: every entry still shows its bug on the variant it was found on, none shows on the fix, and bad files are refused clearly.

import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { caseOf, CorpusError, entryOf, parseCorpusEntry, serializeEntry } from "../../replay/corpus.js";
import { portTarget } from "../../targets/port.js";
import { replayEntry, replayOutcome } from "../../replay/replay.js";
import { audit } from "../properties/helpers.js";

const files = readdirSync("corpus").filter((f) => f.endsWith(".json")).sort();
const load = (f: string) => parseCorpusEntry(readFileSync(`corpus/${f}`, "utf8"), f);

describe("the regression corpus", () => {
  it("has an entry for each known-bad variant of the catalogue", () => {
    const found = new Set(files.map((f) => load(f).foundOn));
    expect([...found].sort()).toEqual(["impl:qemu-10.0", "impl:qemu-2.1", "impl:qemu-2.2", "impl:qemu-7.2.22", "impl:qemu-7.2.8"]);
  });

  it.each(files)("%s still fails where it was found and holds on proposed-fix", async (f) => {
    const e = load(f);
    expect((await replayOutcome(e, f, portTarget(e.foundOn.slice("impl:".length), e.peer?.slice("impl:".length)))).status).toBe(e.crash === undefined ? "failed" : "crashed");
    expect((await replayOutcome(e, f, portTarget("proposed-fix", e.peer === undefined ? undefined : "proposed-fix"))).status).toBe("held");
  });

  it("round-trips an audit failure through entryOf, serializeEntry and parseCorpusEntry", async () => {
    const o = await audit("qemu-2.2", "P4", 50);
    if (o.status !== "failed") throw new Error("expected a failure");
    const e = entryOf(o, "impl:qemu-2.2", "note");
    expect(parseCorpusEntry(serializeEntry(e), "x.json")).toEqual(e);
    expect(caseOf(e).ops).toEqual(o.trace.executed.map((x) => x.op));
    expect((await replayEntry(JSON.parse(serializeEntry(e)), "impl:qemu-2.2"))?.message).toBe(o.trace.violation?.message);
  });
});

describe("parseCorpusEntry", () => {
  const good = JSON.parse(readFileSync("corpus/qemu-2.1-P1-stale-destination-drive.json", "utf8"));
  const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });

  it.each([
    ["[]", "x.json: not a JSON object"],
    [bad({ version: 0 }), "x.json: version must be a positive integer"],
    [bad({ property: "P10" }), "x.json: property must be one of P1, P1-strict, P2, P3, P4, P5, P6, P7, P8, P9"],
    [bad({ note: 3 }), "x.json: note and foundOn must be strings"],
    [bad({ boot: { ...good.boot, template: "other" } }), 'x.json: boot must have a geometry, a readOnly flag and template "default"'],
    [bad({ boot: { ...good.boot, geometry: { ...good.boot.geometry, sectors: 0 } } }), "x.json: invalid geometry: sector count 0 is not a positive integer"],
    [bad({ ops: {} }), "x.json: ops must be an array"],
    [bad({ ops: [3] }), "x.json: ops[0] is not an object"],
    [bad({ ops: [{ kind: "write", offset: 1, width: 2, value: 0 }] }), "x.json: ops[0]: offset must be an aligned offset inside the 4096-byte flash"],
    [bad({ ops: [{ kind: "read", offset: 0, width: 3 }] }), "x.json: ops[0]: width must be 1, 2 or 4"],
    [bad({ ops: [{ kind: "write", offset: 0, width: 1, value: -1 }] }), "x.json: ops[0]: value must be a 32-bit unsigned integer"],
    [bad({ ops: [{ kind: "migrate", to: "D", storage: "shared", readOnly: false, autostart: true }] }), "x.json: ops[0]: to must be one of A, B, C"],
    [bad({ ops: [{ kind: "migrate", to: "B", storage: "nfs", readOnly: false, autostart: true }] }), "x.json: ops[0]: storage must be one of shared, non-shared, block, block-inc"],
    [bad({ ops: [{ kind: "migrate", to: "B", storage: "shared", readOnly: 1, autostart: true }] }), "x.json: ops[0]: readOnly and autostart must be booleans"],
    [bad({ ops: [{ kind: "dance" }] }), 'x.json: ops[0]: unknown kind "dance"'],
    [bad({ ops: [{ kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: true, lateBlockActivate: "yes" }] }), "x.json: ops[0]: lateBlockActivate must be a boolean when present"],
    [bad({ peer: 7 }), "x.json: peer must be a string when present"],
    [bad({ crash: true }), "x.json: crash must be a string when present"],
    [bad({ boot: { ...good.boot, format: "vmdk" } }), 'x.json: boot.format must be "raw" or "qcow2" when present'],
    [bad({ ops: [{ kind: "savevm", name: "s3", via: "hmp" }] }), "x.json: ops[0]: name must be s1 or s2 (the harness's two snapshot names)"],
    [bad({ ops: [{ kind: "savevm", name: "s1", via: "qmp" }] }), 'x.json: ops[0]: via must be "hmp" or "job"'],
    [bad({ ops: [{ kind: "savevm", name: "s1", via: "hmp" }] }), `x.json: ops[0]: savevm s1: a raw drive holds no snapshots (QEMU: "Device 'pflash1' is writable but does not support snapshots"); the entry needs boot.format "qcow2"`],
    [bad({ boot: { ...good.boot, format: "qcow2" }, ops: [{ kind: "savevm", name: "s1", via: "hmp" }, { kind: "loadvm", name: "s2", via: "hmp" }] }), `x.json: ops[1]: loadvm s2: A.fd holds no snapshot s2 at that point (QEMU: "Snapshot 's2' does not exist in one or more devices")`],
    [bad({ boot: { ...good.boot, format: "qcow2", readOnly: true }, ops: [{ kind: "savevm", name: "s1", via: "hmp" }] }), `x.json: ops[0]: savevm s1: the drive is read-only there (QEMU: "No block device can accept snapshots")`],
    [bad({ boot: { ...good.boot, format: "qcow2" }, ops: [{ kind: "savevm", name: "s1", via: "hmp" }, { kind: "savevm", name: "s1", via: "job" }] }), `x.json: ops[1]: savevm s1: snapshot-save does not replace snapshot s1 (QEMU: "Snapshot 's1' already exists in one or more devices")`],
  ])("refuses %s", (text, message) => {
    expect(() => parseCorpusEntry(text, "x.json")).toThrow(CorpusError);
    expect(() => parseCorpusEntry(text, "x.json")).toThrow(message);
  });

  it("accepts every host event", () => {
    const e = parseCorpusEntry(bad({ ops: ["cont", "stop", "reset", "cold-boot"].map((kind) => ({ kind })) }), "x.json");
    expect(e.ops.map((o) => o.kind)).toEqual(["cont", "stop", "reset", "cold-boot"]);
  });
});
