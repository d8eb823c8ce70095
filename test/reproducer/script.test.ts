// Why: the reproducer is written, not run, here: every corpus entry gets a deterministic, valid Python script, or a reason it cannot have one.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { imageOf, withBytes } from "../../model/index.js";
import { template } from "../../generators/template.js";
import { x86pc } from "../../generators/geometries.js";
import { changesOf } from "../../reproducer/checks.js";
import { reproducerOf } from "../../reproducer/of-failure.js";
import { stepCall } from "../../reproducer/steps.js";
import { corpusScripts, type EntryScript } from "./corpus.js";

const HAVE_PYTHON = spawnSync("python3", ["--version"]).status === 0;

let entries: EntryScript[] = [];
beforeAll(async () => {
  entries = await corpusScripts();
});

const scriptOf = (e: EntryScript): string => {
  if (e.reproducer.kind !== "script") throw new Error(`${e.file}: ${e.reproducer.why}`);
  return e.reproducer.text;
};

describe("reproducer scripts of the corpus", () => {
  it("every entry a QEMU binary can show gets a script; the others say why", () => {
    const none = entries.filter((e) => e.reproducer.kind === "none").map((e) => [e.file, e.reproducer.kind === "none" ? e.reproducer.why : ""]);
    expect(none).toEqual([["corpus/qemu-2.2-P4-post-load-writes-inactive-image.json", "P4 needs what a QEMU binary does not show from outside (inactive-image-writes)"]]);
  });

  it("is byte-deterministic: the same failure always gives the same bytes", () => {
    for (const e of entries.filter((x) => x.reproducer.kind === "script")) {
      const again = reproducerOf(e.failure, { spec: e.entry.foundOn, description: "", ...(e.entry.peer ? { peer: e.entry.peer } : {}) }, "0.1.0");
      expect(again.kind === "script" ? again.text : "", e.file).toBe(scriptOf(e));
    }
  });

  it.skipIf(!HAVE_PYTHON)("compiles with python3", () => {
    const dir = mkdtempSync(join(tmpdir(), "pflash-audit-test-"));
    try {
      for (const e of entries.filter((x) => x.reproducer.kind === "script")) {
        const file = join(dir, "repro.py");
        writeFileSync(file, scriptOf(e));
        const r = spawnSync("python3", ["-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", file], { encoding: "utf8" });
        expect(r.stderr, e.file).toBe("");
        expect(r.status, e.file).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the finding, how to run it and its exit codes, then runs the steps and the check literally (F1)", async () => {
    const f1 = entries.find((e) => e.file.endsWith("qemu-7.2.22-P1-paused-destination-stale.json"));
    if (!f1) throw new Error("F1's entry is missing");
    await expect(scriptOf(f1)).toMatchFileSnapshot("__snapshots__/qemu-7.2.22-P1-paused-destination-stale.py");
  });

  it("runs P6 twice, the reads of the run with migrations judged against the run without them", () => {
    const p6 = entries.find((e) => e.entry.property === "P6");
    const text = p6 ? scriptOf(p6) : "";
    expect(text).toContain(`(False, False): ("the same whichever QEMU runs the steps", [("without-migrations", without_migrations), ("with-migrations", with_migrations)]),`);
    expect(text).toMatch(/r\.read\(4, "read\.b 0x000000 at guest-physical 0xfffef000", 0x000000, 1, 0x\w\w, "earlier"\)/);
  });

  it("a crash is judged by QEMU dying at the failing step, with no check after it (F7)", () => {
    const f7 = entries.find((e) => e.file.endsWith("qemu-7.2.22-P7-never-activated-vm-migrated-again-aborts.json"));
    const text = f7 ? scriptOf(f7) : "";
    expect(text).toContain("CRASH = \"bdrv_inactivate_recurse: Assertion `!(bs->open_flags & BDRV_O_INACTIVE)' failed.\"");
    expect(text).not.toContain("r.check_state(");
  });
});

describe("the pieces", () => {
  it("writes the model's array as runs of changed bytes against the initial image", () => {
    const img = withBytes(withBytes(imageOf(3 * 4096, template), 0x10, new Uint8Array([0, 1])), 0x2001, new Uint8Array([0x5a]));
    expect(changesOf(img)).toEqual([
      [0x10, "0001"],
      [0x2001, "5a"],
    ]);
    expect(changesOf(imageOf(4096, template))).toEqual([]);
  });

  it("names the command a write is, and the guest-physical address beside the flash offset", () => {
    expect(stepCall(1, { kind: "write", offset: 0x10, width: 1, value: 0xe8 }, "read-array", x86pc(2), { check: "none" })).toBe('r.write(1, "write.b 0x000010 <- 0xe8 (WRITE TO BUFFER) at guest-physical 0xfffee010", 0x000010, 1, 0xe8)');
    expect(stepCall(2, { kind: "write", offset: 0x10, width: 1, value: 0x01 }, "buffer-count", x86pc(2), { check: "none" })).toBe('r.write(2, "write.b 0x000010 <- 0x01 (word count 1 (2 words)) at guest-physical 0xfffee010", 0x000010, 1, 0x01)');
    expect(stepCall(3, { kind: "read", offset: 0, width: 2, }, "read-status", x86pc(1), { model: 0x80, check: "model" })).toBe('r.read(3, "read.w 0x000000 at guest-physical 0xfffef000", 0x000000, 2, 0x0080, "model")');
    expect(stepCall(4, { kind: "migrate", to: "B", storage: "block", readOnly: true, autostart: false, lateBlockActivate: true }, "read-array", x86pc(1), { check: "none" })).toBe('r.migrate(4, "migrate to B (block, readonly=on, -S, late-block-activate)", "B", "block", True, False, True)');
    expect(stepCall(5, { kind: "migrate-cancel" }, "read-array", x86pc(1), { check: "none" })).toBe('r.migrate_cancel(5, "migrate-cancel")');
  });
});
