// Why: the status register bits a write sequence leaves must stay until a clear-status, across the end of a command and a migration, as QEMU's pflash_write() keeps them.

import { describe, expect, it } from "vitest";
import { vmstate_load, vmstate_save } from "../../impl/vmstate.js";
import { device, readb, writeb } from "./helpers.js";

describe("status bits stay until a clear-status, across the end of a command and a migration", () => {
  it("qemu-2.1, read-only: a buffered program's refused last word and its confirm keep the program error with ready", () => {
    const { pfl } = device({ variant: "qemu-2.1", readOnly: true });
    writeb(pfl, 0, 0xe8, 0x00, 0x5a);
    expect(readb(pfl, 0)).toBe(0x90);
    writeb(pfl, 0, 0xd0);
    expect(readb(pfl, 0)).toBe(0x90);
  });

  it("proposed-fix: a read-only arrival refuses only a confirm; another byte after the last word ends the program without a program error", () => {
    const { pfl: src } = device({ variant: "proposed-fix" });
    writeb(src, 0, 0xe8, 0x00, 0x5a);
    const { pfl } = device({ variant: "proposed-fix", readOnly: true });
    vmstate_load(pfl, vmstate_save(src));
    writeb(pfl, 0, 0xff, 0x70);
    expect(readb(pfl, 0)).toBe(0x80);
  });

  it("qemu-7.2.22: an erase error from a read-only source stays set through a buffered program on a writable arrival", () => {
    const { pfl: src } = device({ readOnly: true });
    writeb(src, 0, 0x20, 0xd0);
    const { pfl } = device();
    vmstate_load(pfl, vmstate_save(src));
    writeb(pfl, 0, 0xe8, 0x00, 0x5a, 0xd0);
    expect([readb(pfl, 0), pfl.storage.byte(0)]).toEqual([0xa0, 0x5a]);
  });
});
