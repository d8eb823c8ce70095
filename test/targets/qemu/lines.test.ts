// Why: every wait on QEMU is bounded by the reader's one watchdog: a late answer is a hang, even after a longer wait armed it.

import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { HangError, LineReader } from "../../../targets/qemu/lines.js";

const reader = () => {
  const s = new PassThrough();
  return { s, r: new LineReader(s) };
};

describe("LineReader", () => {
  it("hands out lines in order, joined across chunks, without carriage returns", async () => {
    const { s, r } = reader();
    s.write("OK 0x");
    s.write("ff\r\nOK\nFAIL x\n");
    expect([await r.next(100, "a"), await r.next(100, "b"), await r.next(100, "c")]).toEqual(["OK 0xff", "OK", "FAIL x"]);
  });

  it("a wait with no answer fails as a hang naming what it waited for", async () => {
    const { r } = reader();
    await expect(r.next(20, "qtest readb")).rejects.toThrow(new HangError("no answer to qtest readb within 20 ms"));
  });

  it("a short wait after a long one still ends on time", async () => {
    const { s, r } = reader();
    const first = r.next(10_000, "long");
    s.write("done\n");
    expect(await first).toBe("done");
    const t0 = performance.now();
    await expect(r.next(30, "short")).rejects.toThrow(HangError);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it("a wait that is answered before its deadline survives the watchdog firing for an earlier one", async () => {
    const { s, r } = reader();
    await expect(r.next(20, "first")).rejects.toThrow(HangError);
    const second = r.next(200, "second");
    setTimeout(() => s.write("late but in time\n"), 60);
    expect(await second).toBe("late but in time");
  });

  it("a closed stream fails the current and every later wait", async () => {
    const { s, r } = reader();
    const pending = r.next(1_000, "x");
    s.destroy();
    await expect(pending).rejects.toThrow("the stream closed");
    await expect(r.next(1_000, "y")).rejects.toThrow("the stream closed");
  });

  it("keeps no timer holding the process open once its waits are answered", async () => {
    const { s, r } = reader();
    const before = process.getActiveResourcesInfo().filter((k) => k === "Timeout").length;
    const p = r.next(60_000, "x");
    s.write("ok\n");
    await p;
    expect(process.getActiveResourcesInfo().filter((k) => k === "Timeout").length).toBe(before);
  });
});
