// Why: the binary's pflash_cfi01 section must read, with the port's loader, as the section the matching port sends: field order, widths, the subsection and when it is sent.

import { describe, expect, it } from "vitest";
import type { TargetFactory } from "../../../engine/target.js";
import { x86pc } from "../../../generators/geometries.js";
import { template } from "../../../generators/template.js";
import type { Op } from "../../../model/index.js";
import { openTarget } from "../../../targets/open.js";
import { HAVE_QEMU, HAVE_QEMU10, QEMU, QEMU10 } from "./helpers.js";

const w = (value: number, offset = 0): Op => ({ kind: "write", offset, width: 1, value });
const migrate: Op = { kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: true };
const CASES: Record<string, Op[]> = {
  "read-array": [],
  "program setup": [w(0x40)],
  "erase setup": [w(0x20, 0x800)],
  "a write buffer open, one word still to come": [w(0xe8), w(1), w(0x5a)],
  "a one-word buffered program, confirmed": [w(0xe8), w(0), w(0), w(0xd0)],
};

/** The text of the section each case's destination loaded on `f`. */
async function sections(f: TargetFactory): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, ops] of Object.entries(CASES)) {
    const t = await f.create({ geometry: x86pc(2), template, readOnly: false });
    try {
      for (const op of [...ops, migrate]) await t.apply(op);
      const s = await t.section?.();
      out[name] = `${s?.text ?? "none"} [${Buffer.from(s?.bytes ?? []).toString("hex").slice(0, 40)}]`;
    } finally {
      await t.close();
    }
  }
  return out;
}

describe.skipIf(!HAVE_QEMU || !HAVE_QEMU10)("the binary's device section, read with the port's loader", () => {
  it.each([
    [QEMU, "impl:qemu-7.2.22", "wcycle 0, cmd 0xe8, status 0x80, counter 18446744073709551615, no write buffer"],
    [QEMU10, "impl:qemu-10.0", "wcycle 0, cmd 0x00, status 0x90, counter 0, no write buffer"],
  ])("%s sends what %s sends, byte for byte", async (binary, port, oneWord) => {
    const [real, model] = [await sections(await openTarget(`qemu:${binary}`)), await sections(await openTarget(port))];
    expect(real).toEqual(model);
    // 7.2.22 decrements the counter past zero at the last word; 10.0.2 stops at 0 (and refuses the one-word program: F5).
    expect(real["a one-word buffered program, confirmed"]).toMatch(new RegExp(`^${oneWord} `));
    expect(real["a write buffer open, one word still to come"]).toMatch(/^wcycle 2, cmd 0xe8, status 0x80, counter 0, write buffer open at 0x000000 \(256 bytes\) /);
  }, 60_000);
});
