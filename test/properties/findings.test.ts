// Why: each known-bad variant, and each finding in the faithful 7.2.22 port, must shrink to exactly this counterexample.

import { describe, expect, it } from "vitest";
import type { PropertyId } from "../../properties/index.js";
import { audit, stepsOf } from "./helpers.js";

const PROGRAM = ["write.b 0x000000 <- 0x40", "write.b 0x000000 <- 0x00"];

const cases: { variant: string; id: PropertyId; steps: string[]; failing: number; message: string; runs?: number }[] = [
  {
    variant: "qemu-2.1",
    id: "P1",
    steps: [...PROGRAM, "migrate to B (non-shared, autostart)"],
    failing: 2,
    message: "host B's active, writable drive does not hold what the guest sees (first difference at 0x000000: flash 00 ff ff ff ff ff ff ff, drive ff ff ff ff ff ff ff ff)",
  },
  {
    variant: "qemu-2.2",
    id: "P4",
    steps: ["migrate to B (shared, autostart)"],
    failing: 0,
    message: "the device wrote 4096 bytes at 0x000000 to A.fd while the image was inactive",
  },
  {
    variant: "qemu-7.2.8",
    id: "P5",
    // One buffered word, then 0xff instead of the 0xd0 confirm: the word already reached RAM and, being the last,
    // the drive; it survives a power cycle although the buffered program was abandoned.
    steps: ["write.b 0x000000 <- 0xe8", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0xff", "cold-boot"],
    failing: 4,
    message: "a cold boot from host A's drive lost what the guest saw (first difference at 0x000000: after 00 ff ff ff ff ff ff ff, before ff ff ff ff ff ff ff ff)",
  },
  {
    variant: "qemu-7.2.22",
    id: "P1",
    steps: [...PROGRAM, "migrate to B (non-shared, -S)"],
    failing: 2,
    message: "host B's active, writable drive does not hold what the guest sees (first difference at 0x000000: flash 00 ff ff ff ff ff ff ff, drive ff ff ff ff ff ff ff ff)",
  },
  ...["qemu-2.1", "qemu-2.2", "qemu-7.2.8"].map((variant) => ({
    // The write-to-buffer data went straight to RAM: a count of 2 words takes the confirm byte as the second word,
    // and the next command abandons the buffer, which the RAMBlock still shows.
    variant,
    id: "P8" as const,
    steps: ["write.b 0x000000 <- 0xe8", "write.b 0x000000 <- 0x01", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0xd0", "write.b 0x000000 <- 0x40"],
    failing: 4,
    message: "the RAMBlock on host A differs from the model's array (first difference at 0x000000: ram d0 ff ff ff ff ff ff ff, model ff ff ff ff ff ff ff ff)",
  })),
  {
    // F1 as the guest sees it, in 74 sequences: the cold-booted destination runs from its stale drive.
    variant: "qemu-7.2.22",
    id: "P8",
    steps: [...PROGRAM, "migrate to B (non-shared, -S)", "cold-boot"],
    failing: 3,
    message: "the RAMBlock on host B differs from the model's array (first difference at 0x000000: ram ff ff ff ff ff ff ff ff, model 00 ff ff ff ff ff ff ff)",
  },
  {
    // F1 as the guest sees it: found only past the default budget (sequence 7,115), hence the corpus entry.
    variant: "qemu-7.2.22",
    id: "P5",
    steps: [...PROGRAM, "migrate to B (non-shared, -S)", "cold-boot", "cold-boot"],
    failing: 4,
    message: "a cold boot from host B's drive lost what the guest saw (first difference at 0x000000: after ff ff ff ff ff ff ff ff, before 00 ff ff ff ff ff ff ff)",
    runs: 10_000,
  },
  {
    variant: "qemu-7.2.22",
    id: "P2",
    // The write-to-buffer command leaves the chip in I/O mode waiting for a word count; the destination's
    // region comes up in ROMD mode, so after the count (0x70) the guest reads array bytes instead of status.
    steps: ["write.b 0x000000 <- 0xe8", "migrate to B (shared, autostart)", "write.b 0x000000 <- 0x70", "read.b 0x000000"],
    failing: 3,
    message: "the read returned 0xff, the model says 0x80",
  },
  {
    variant: "qemu-7.2.22",
    id: "P6",
    steps: [...PROGRAM, "migrate to B (shared, autostart)", "read.b 0x000000"],
    failing: 3,
    message: "the read returned 0x00 with the migrations and 0x80 without them",
  },
];

describe("known-bad variants and findings shrink to their minimal counterexample", () => {
  it.each(cases)("$variant breaks $id", async ({ variant, id, steps, failing, message, runs }) => {
    const o = await audit(variant, id, runs);
    expect(o.status).toBe("failed");
    if (o.status !== "failed") return;
    expect(stepsOf(o)).toEqual(steps);
    expect(o.trace.violation).toMatchObject({ step: failing, message });
    expect(o.case.boot.readOnly).toBe(false);
    expect(o.case.boot.geometry).toMatchObject({ sectorLen: 4096, sectors: 1, bankWidth: 1, deviceWidth: 0 });
  });

  it("qemu-2.2 writes at load time, so the strict load-time check holds there and nowhere else", async () => {
    expect((await audit("qemu-2.2", "P1-strict")).status).toBe("held");
    const deferred = await audit("qemu-7.2.22", "P1-strict");
    expect(stepsOf(deferred)).toEqual([...PROGRAM, "migrate to B (non-shared, autostart)"]);
  });
});
