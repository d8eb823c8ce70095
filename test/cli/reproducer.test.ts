// Why: `pflash-audit reproducer` writes the script a bug report needs from a corpus entry, and says in one line, with exit 4, when there is none.

import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./cli.js";

const dir = mkdtempSync(join(tmpdir(), "pflash-audit-reproducer-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const F1 = "corpus/qemu-7.2.22-P1-paused-destination-stale.json";

describe("pflash-audit reproducer", () => {
  it("prints the script of an entry, the same bytes every time, or writes it executable with --out", () => {
    const printed = cli("reproducer", F1);
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/^#!\/usr\/bin\/env python3\n/);
    expect(printed.out).toContain("Found on impl:qemu-7.2.22 with corpus entry corpus/qemu-7.2.22-P1-paused-destination-stale.json");
    expect(cli("reproducer", F1).out).toBe(printed.out);
    const out = join(dir, "f1.py");
    const written = cli("reproducer", F1, "--out", out);
    expect(written).toEqual({ code: 0, out: "", err: `pflash-audit: wrote ${out}: run it as python3 ${out} [QEMU]\n` });
    expect(readFileSync(out, "utf8")).toBe(printed.out);
    expect(statSync(out).mode & 0o111).not.toBe(0);
  });

  it("asks for two binaries for an entry found across versions", () => {
    const r = cli("reproducer", "corpus/qemu-7.2.22-with-10.0-P7-vm-back-paused-then-migrated-aborts.json");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Run:   python3 THIS_FILE [QEMU PEER]");
    expect(r.out).toContain("PEER = True");
  });

  it.each([
    [["reproducer", "corpus/qemu-2.2-P4-post-load-writes-inactive-image.json"], 4, "pflash-audit: no standalone reproducer for corpus/qemu-2.2-P4-post-load-writes-inactive-image.json: P4 needs what a QEMU binary does not show from outside (inactive-image-writes)\n"],
    [["reproducer", "corpus/qemu-2.1-P1-stale-destination-drive.json", "--target", "impl:qemu-7.2.22"], 4, "pflash-audit: corpus/qemu-2.1-P1-stale-destination-drive.json does not fail on impl:qemu-7.2.22 (held): there is no counterexample to write\n"],
    [["reproducer", "corpus/qemu-7.2.22-P1-paused-destination-stale.json", "--target", "impl:proposed-fix"], 4, "pflash-audit: corpus/qemu-7.2.22-P1-paused-destination-stale.json does not fail on impl:proposed-fix (held): there is no counterexample to write\n"],
    [["reproducer"], 2, "pflash-audit: reproducer needs exactly one FILE (a corpus entry)\n"],
    [["reproducer", "no-such.json"], 2, "pflash-audit: cannot read no-such.json: no such file\n"],
    [["reproducer", F1, "--out", "/no/such/folder/x.py"], 2, "pflash-audit: cannot write /no/such/folder/x.py: folder /no/such/folder does not exist\n"],
    [["reproducer", F1, "--seed", "3"], 2, "pflash-audit: unknown option --seed\n"],
  ])("%j: exit %i, one line", (args, code, err) => {
    expect(cli(...args)).toEqual({ code, out: "", err });
  });
});
