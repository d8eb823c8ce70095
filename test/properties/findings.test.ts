// Why: each known-bad variant, and each finding in the faithful 7.2.22 port, must shrink to exactly this counterexample.

import { describe, expect, it } from "vitest";
import type { PropertyId } from "../../properties/index.js";
import { audit, stepsOf } from "./helpers.js";

const PROGRAM = ["write.b 0x000000 <- 0x40", "write.b 0x000000 <- 0x00"];
const NO_DATA = "first difference at 0x000000: flash 00 ff ff ff ff ff ff ff, drive ff ff ff ff ff ff ff ff";
/** A write to buffer of one word (count 0) whose data went straight to RAM: the next byte abandons it, RAM keeps it. */
const ABANDONED_BUFFER = ["write.b 0x000000 <- 0xe8", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0x00"];

interface Finding {
  readonly variant: string;
  readonly id: PropertyId;
  readonly steps: readonly string[];
  /** 0-based index of the step after which the property broke. */
  readonly failing: number;
  readonly message: string;
  /** Sequences to look at, when the default budget does not reach it. */
  readonly runs?: number;
  /** The sector size of the flash it shrinks to (4 KiB unless said). */
  readonly sectorLen?: number;
}

const cases: Finding[] = [
  { variant: "qemu-2.1", id: "P1", steps: [...PROGRAM, "migrate to B (non-shared, autostart)"], failing: 2, message: `host B's active, writable drive does not hold what the guest sees (${NO_DATA})` },
  { variant: "qemu-2.2", id: "P4", steps: ["migrate to B (shared, autostart)"], failing: 0, message: "the device wrote 4096 bytes at 0x000000 to A.fd while the image was inactive" },
  {
    variant: "qemu-7.2.8",
    id: "P5",
    steps: ["write.b 0x000000 <- 0xe8", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0xd0", "cold-boot"],
    failing: 5,
    message: "a cold boot from host A's drive lost what the guest saw (first difference at 0x000000: after 00 ff ff ff ff ff ff ff, before ff ff ff ff ff ff ff ff)",
  },
  ...["qemu-2.1", "qemu-2.2", "qemu-7.2.8"].map((variant): Finding => ({
    variant,
    id: "P8",
    steps: ABANDONED_BUFFER,
    failing: 3,
    message: "the RAMBlock on host A differs from the model's array (first difference at 0x000000: ram 00 ff ff ff ff ff ff ff, model ff ff ff ff ff ff ff ff)",
  })),
  // F1: a paused VM (stopped, or a -S destination) owns a stale drive.
  { variant: "qemu-7.2.22", id: "P1", steps: [...PROGRAM, "stop", "migrate to B (non-shared, autostart)"], failing: 3, message: `host B's active, writable drive does not hold what the guest sees (${NO_DATA})` },
  // F1 as the guest sees it: the cold-booted -S destination runs from its stale drive (the first cold boot), and loses the write for good (P5).
  {
    variant: "qemu-7.2.22",
    id: "P8",
    steps: [...PROGRAM, "migrate to B (non-shared, -S)", "cold-boot"],
    failing: 3,
    message: "the RAMBlock on host B differs from the model's array (first difference at 0x000000: ram ff ff ff ff ff ff ff ff, model 00 ff ff ff ff ff ff ff)",
  },
  {
    variant: "qemu-7.2.22",
    id: "P5",
    steps: [...PROGRAM, "migrate to B (non-shared, -S)", "cold-boot", "cold-boot"],
    failing: 4,
    message: "a cold boot from host B's drive lost what the guest saw (first difference at 0x000000: after ff ff ff ff ff ff ff ff, before 00 ff ff ff ff ff ff ff)",
    runs: 10_000,
    sectorLen: 512,
  },
  // F2: the destination comes up in ROMD mode, so a CFI query (or status after a program setup) reads array bytes.
  { variant: "qemu-7.2.22", id: "P2", steps: ["write.b 0x000000 <- 0x98", "write.b 0x000000 <- 0x00", "migrate to B (shared, autostart)", "read.b 0x000000"], failing: 3, message: "the read returned 0xff, the model says 0x00" },
  { variant: "qemu-7.2.22", id: "P6", steps: ["write.b 0x000000 <- 0x40", "migrate to B (shared, autostart)", "read.b 0x000000"], failing: 2, message: "the read returned 0xff with the migrations and 0x80 without them" },
  // F5: QEMU 10.0.2 opens no buffer for a one-word program, so the confirm is refused and the write is lost.
  {
    variant: "qemu-10.0",
    id: "P5",
    steps: ["write.b 0x000000 <- 0xe8", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0xd0", "cold-boot"],
    failing: 4,
    message: "a cold boot from host A's drive lost what the guest saw (first difference at 0x000000: after ff ff ff ff ff ff ff ff, before 00 ff ff ff ff ff ff ff)",
  },
  // F4: a buffered program confirmed on a read-only destination is flushed into RAM and tried on the drive.
  {
    variant: "qemu-7.2.22",
    id: "P3",
    steps: ["write.b 0x000000 <- 0xe8", "write.b 0x000000 <- 0x00", "write.b 0x000000 <- 0x5a", "migrate to B (shared, readonly=on, autostart)", "write.b 0x000000 <- 0xd0"],
    failing: 4,
    message: "the device tried to write 512 bytes at 0x000000 to read-only A.fd (the block layer refused it)",
    runs: 10_000,
  },
];

describe("known-bad variants and findings shrink to their minimal counterexample", () => {
  it.each(cases)("$variant breaks $id", async ({ variant, id, steps, failing, message, runs, sectorLen }) => {
    const o = await audit(variant, id, runs);
    expect(o.status).toBe("failed");
    if (o.status !== "failed") return;
    expect(stepsOf(o)).toEqual(steps);
    expect(o.trace.violation).toMatchObject({ step: failing, message });
    expect(o.case.boot.readOnly).toBe(false);
    expect(o.case.boot.geometry).toMatchObject({ sectorLen: sectorLen ?? 4096, bankWidth: 1, deviceWidth: 0 });
  });

  it("qemu-2.2 writes at load time, so the strict load-time check holds there and nowhere else", async () => {
    expect((await audit("qemu-2.2", "P1-strict")).status).toBe("held");
    const deferred = await audit("qemu-7.2.22", "P1-strict");
    expect(stepsOf(deferred)).toEqual([...PROGRAM, "migrate to B (non-shared, autostart)"]);
  });
});
