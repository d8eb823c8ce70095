// Why: one formatter for every number a user reads: widths, offsets, plurals and sizes are written the same way everywhere.

import { describe, expect, it } from "vitest";
import { byteHex, differenceText, hex, hexOr, offsetHex, percent, plural, sizeText } from "../../report/format.js";

describe("format", () => {
  it("writes hex with the access width's digits", () => {
    expect([hex(0), hex(0x80), hex(0x80, 2), hex(0xdeadbeef, 4), hex(-1, 4)]).toEqual(["0x00", "0x80", "0x0080", "0xdeadbeef", "0xffffffff"]);
    expect([hexOr(undefined, "nothing"), hexOr(5, "nothing", 2)]).toEqual(["nothing", "0x0005"]);
    expect([offsetHex(0x10), byteHex(0xa)]).toEqual(["0x000010", "0a"]);
    expect(differenceText({ offset: 1, left: { name: "flash", hex: "01" }, right: { name: "drive", hex: "02" } })).toBe("first difference at 0x000001: flash 01, drive 02");
  });

  it("gets plurals, sizes and shares right", () => {
    expect([plural(1, "sequence"), plural(0, "sequence"), plural(1234, "step")]).toEqual(["1 sequence", "0 sequences", "1,234 steps"]);
    expect([sizeText(131072), sizeText(64 * 1024 * 1024), sizeText(1000)]).toEqual(["128K", "64M", "1000"]);
    expect([percent(1, 3), percent(1, 1000), percent(0, 5), percent(0, 0)]).toEqual(["33%", "<1%", "0%", "0%"]);
  });
});
