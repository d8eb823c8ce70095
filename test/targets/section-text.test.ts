// Why: a diff shows each target's device section through the port's loader; pin the one-line text for a buffer, no buffer, and sections that cannot be loaded.

import { describe, expect, it } from "vitest";
import { vmstate_encode, vmstate_save } from "../../impl/vmstate.js";
import { sectionText } from "../../targets/section-text.js";
import { device, writeb } from "../impl/helpers.js";

describe("sectionText: a section as the port's loader reads it", () => {
  it("names the fields and the open buffer, and says when a section cannot be loaded", () => {
    const { pfl } = device({ fill: 0 });
    writeb(pfl, 0x104, 0xe8, 0x02, 0x77);
    expect(sectionText(vmstate_save(pfl), 256)).toBe("wcycle 2, cmd 0xe8, status 0x80, counter 1, write buffer open at 0x000100 (256 bytes)");
    const plain = vmstate_encode({ wcycle: 0, cmd: 0, status: 0x80, counter: 2n ** 64n - 1n });
    expect(sectionText(plain, 256)).toBe("wcycle 0, cmd 0x00, status 0x80, counter 18446744073709551615, no write buffer");
    expect(sectionText(plain.subarray(0, 9), 256)).toBe("9 bytes the port cannot load (pflash_cfi01: section has 9 bytes, needs at least 11)");
    expect(sectionText(vmstate_save(pfl), 2048)).toBe(`${11 + 2 + 22 + 4 + 256 + 4} bytes the port cannot load (pflash_cfi01_blk_write: buffer does not match this device's 2048-byte write buffer)`);
  });
});
