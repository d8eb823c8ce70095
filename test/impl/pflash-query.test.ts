// Why: the port's CFI answers (impl/pflash-query.ts's table and its lane repetition) against the model's, for every bank, device and maximum device width the device takes, so a lane computed wrong cannot hide in a geometry the generators draw rarely.

import { describe, expect, it } from "vitest";
import { queryRead, type Geometry, type Width } from "../../model/index.js";
import { propsFor } from "../../targets/port.js";
import { device } from "./helpers.js";

const WIDTHS: readonly Width[] = [1, 2, 4];

/** Every (bank, device, maximum device) width triple the model accepts, on two 4 KiB sectors. */
const shapes: Geometry[] = WIDTHS.flatMap((bankWidth) =>
  [0, ...WIDTHS.filter((w) => w <= bankWidth)].flatMap((deviceWidth) =>
    [0, ...(deviceWidth === 0 ? [] : WIDTHS.filter((w) => w >= deviceWidth))].map((maxDeviceWidth) => ({
      sectorLen: 4096,
      sectors: 2,
      bankWidth,
      deviceWidth: deviceWidth as Width | 0,
      maxDeviceWidth: maxDeviceWidth as Width | 0,
      bigEndian: false,
      ident: [0x89, 0x18, 0, 0] as const,
    })),
  ),
);

describe("CFI query answers", () => {
  it.each(shapes.map((g) => [`bank ${g.bankWidth}, device ${g.deviceWidth}, max ${g.maxDeviceWidth}`, g] as const))("%s: every bank-wide read of the table's span as the model answers it", (_, g) => {
    const { pfl } = device({ props: propsFor(g) });
    // The command in every lane of the bank, as a driver writes it to all its devices.
    pfl.mem_write(0, 0x98989898 >>> (8 * (4 - g.bankWidth)), g.bankWidth);
    const answers: number[] = [];
    for (let offset = 0; offset < 0x40 * 16; offset += g.bankWidth) {
      const read = pfl.mem_read(offset, g.bankWidth);
      expect(read, `offset 0x${offset.toString(16)}`).toBe(queryRead(g, "cfi", offset, g.bankWidth));
      answers.push(read & 0xff);
    }
    // "QRY" shows first, at whatever stride (and repeated over however many bytes) the shape puts the table;
    // a x16 device in a wider mode answers nothing (QEMU repeats answers only for x8 devices).
    const shown = answers.filter((v, i) => v !== 0 && v !== answers[i - 1]);
    expect(String.fromCharCode(...shown.slice(0, 3))).toBe(g.deviceWidth === 2 && g.maxDeviceWidth === 4 ? "" : "QRY");
  });
});
