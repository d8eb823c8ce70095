// Why: what a live migration's destination receives is decided by the dirty log; these pin the port's precopy to that rule.

import { describe, expect, it } from "vitest";
import { DirtyLog } from "../../impl/dirty-log.js";
import { PagedBytes, PAGE_SIZE } from "../../impl/paged-bytes.js";
import { Precopy } from "../../impl/precopy.js";

const ram = () => new PagedBytes(3 * PAGE_SIZE, 0xff);

describe("precopy", () => {
  it("sends every page in its first pass, as it was then", () => {
    const r = ram();
    const p = new Precopy(r, new DirtyLog(), true);
    expect(Array.from(p.complete().read(0, 4))).toEqual([0xff, 0xff, 0xff, 0xff]);
  });

  it("sends again the part of the last page a RAMBlock that ends inside it has", () => {
    const [r, log] = [new PagedBytes(PAGE_SIZE + 512, 0xff), new DirtyLog()];
    const p = new Precopy(r, log, true);
    r.write(PAGE_SIZE + 511, Uint8Array.of(0x5a));
    log.mark(PAGE_SIZE + 511, 1);
    const dst = p.complete();
    expect([dst.size, dst.byte(PAGE_SIZE + 511)]).toEqual([PAGE_SIZE + 512, 0x5a]);
  });

  it("loses a change made after the first pass that never reached the dirty log (F6)", () => {
    const r = ram();
    const p = new Precopy(r, new DirtyLog(), true);
    r.write(PAGE_SIZE, Uint8Array.of(0));
    expect(p.complete().byte(PAGE_SIZE)).toBe(0xff);
  });

  it("sends a changed page again when the dirty log holds it, and only that page", () => {
    const [r, log] = [ram(), new DirtyLog()];
    const p = new Precopy(r, log, true);
    r.write(PAGE_SIZE, Uint8Array.of(0));
    r.write(2 * PAGE_SIZE, Uint8Array.of(0));
    log.mark(PAGE_SIZE, 1);
    const dst = p.complete();
    expect([dst.byte(PAGE_SIZE), dst.byte(2 * PAGE_SIZE)]).toEqual([0x00, 0xff]);
  });

  it("held in the first pass before the flash's turn, sends the block as it is at the switchover, logged or not", () => {
    const [r, log] = [ram(), new DirtyLog()];
    const p = new Precopy(r, log, false);
    r.write(PAGE_SIZE, Uint8Array.of(0));
    const dst = p.complete();
    expect([dst.byte(0), dst.byte(PAGE_SIZE), dst.byte(2 * PAGE_SIZE)]).toEqual([0xff, 0x00, 0xff]);
    r.write(0, Uint8Array.of(0));
    expect(dst.byte(0)).toBe(0xff);
  });

  it("starts from a clean log: what was dirty before the migration is in the first pass anyway", () => {
    const [r, log] = [ram(), new DirtyLog()];
    log.mark(0, 1);
    new Precopy(r, log, true);
    expect(log.take()).toEqual([]);
  });

  it("marks every page a range touches", () => {
    const log = new DirtyLog();
    log.mark(PAGE_SIZE - 1, 2);
    log.mark(0, 0);
    expect(log.take()).toEqual([0, 1]);
    expect(log.take()).toEqual([]);
  });
});
