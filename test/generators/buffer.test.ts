// Why: a buffered program announces every size the geometry allows, and the count cycle carries it whole.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bufferCount, bufferedWrite, bufferWords, countLimit } from "../../generators/buffer.js";
import { armVirt, x86pc } from "../../generators/geometries.js";

describe("buffered program sizes", () => {
  it("on a byte-wide pc flash the count byte can say the full buffer (256 words) but no more", () => {
    const g = x86pc(1);
    expect([bufferWords(g), countLimit(g)]).toEqual([256, 256]);
    expect(bufferCount(g, { kind: "full" }, 1)).toBe(255);
    expect(bufferCount(g, { kind: "over", k: 7 }, 1)).toBe(255);
    expect(bufferCount(g, { kind: "part", k: 300 }, 1)).toBe(300 % 256);
    expect(bufferCount(g, { kind: "as-written" }, 3)).toBe(2);
    expect(bufferCount(g, { kind: "as-written" }, 0)).toBe(0);
  });

  it("on arm virt (two x16 devices) the count is a device word: up to 65,536 words for a 1,024-word buffer", () => {
    const g = armVirt(1);
    expect([bufferWords(g), countLimit(g)]).toEqual([1024, 65536]);
    expect(bufferCount(g, { kind: "full" }, 1)).toBe(1023);
    expect(bufferCount(g, { kind: "over", k: 0 }, 1)).toBe(1024);
    expect(bufferCount(g, { kind: "over", k: 65536 - 1024 - 1 }, 1)).toBe(65535);
  });

  it("writes a count above 0xff with an access wide enough to carry it, aligned", () => {
    const g = armVirt(1);
    const widths = new Set<number>();
    for (const group of fc.sample(bufferedWrite, { seed: 3, numRuns: 300 })) {
      const count = group(g)[1]!;
      expect(count.kind).toBe("write");
      if (count.kind !== "write") continue;
      expect(count.value < 2 ** (8 * count.width)).toBe(true);
      expect(count.offset % count.width).toBe(0);
      widths.add(count.width);
    }
    expect([...widths].sort()).toEqual([1, 2]);
  });
});
