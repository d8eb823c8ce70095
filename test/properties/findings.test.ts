// Why: each known-bad variant, and each finding in the faithful 7.2.22 port, must shrink to exactly this counterexample.

import { describe, expect, it } from "vitest";
import type { PropertyId } from "../../properties/index.js";
import { audit, stepsOf } from "./helpers.js";

const PROGRAM = ["write.b 0x000000 <- 0x40", "write.b 0x000000 <- 0x00"];

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
  /** The VM boots with readonly=on (P6's migrations keep the boot's flag). */
  readonly bootReadOnly?: boolean;
}

/** F6's shape: a program in the window of a live migration to B, then the switchover. */
const LIVE_PROGRAM = (dst: string) => [`migrate-start to B (shared, ${dst})`, ...PROGRAM, "migrate-finish"];
const LOST_IN_WINDOW = "first difference at 0x000000: RAMBlock ff ff ff ff ff ff ff ff, model 00 ff ff ff ff ff ff ff";

// F6 (a write in a live migration's window) breaks P9 on 7.2.22 and 10.0, and P8 on 7.2.22; the eras that write buffered words
// straight to RAM break P8 without a migration; P1 on 7.2.22 shrinks to F1 itself. F4 and the other findings
// are also pinned by their corpus entries (test/replay/corpus.test.ts).
/** Write to buffer with a count of one word. */
const ONE_WORD = ["write.b 0x000000 <- 0xe8", "write.b 0x000000 <- 0x00"];
const cases: Finding[] = [
  // The pre-2014 bug itself (issue 14: the shrinker gets past the live-window and buffered forms it used to stop at).
  {
    variant: "qemu-2.1",
    id: "P1",
    steps: [...PROGRAM, "migrate to B (non-shared, autostart)"],
    failing: 2,
    message: "host B's active, writable drive does not hold what the guest sees (first difference at 0x000000: RAMBlock 00 ff ff ff ff ff ff ff, drive ff ff ff ff ff ff ff ff)",
  },
  // F1: a -S destination (without late-block-activate) activates its image at once, and its drive stays stale until cont.
  {
    variant: "qemu-7.2.22",
    id: "P1",
    steps: [...PROGRAM, "migrate to B (non-shared, -S)"],
    failing: 2,
    message: "host B's active, writable drive does not hold what the guest sees (first difference at 0x000000: RAMBlock 00 ff ff ff ff ff ff ff, drive ff ff ff ff ff ff ff ff)",
  },
  { variant: "qemu-2.2", id: "P4", steps: ["migrate to B (shared, autostart)"], failing: 0, message: "the device wrote 4096 bytes at 0x000000 to A.fd while the image was inactive" },
  // 7.2.8 writes a buffered word straight to RAM and the drive at the last word, so an abandoned program survives a cold boot.
  {
    variant: "qemu-7.2.8",
    id: "P5",
    steps: [...ONE_WORD, "write.b 0x000000 <- 0x5a", "cold-boot"],
    failing: 3,
    message: "a cold boot from host A's drive lost what the guest saw (first difference at 0x000000: RAMBlock 5a ff ff ff ff ff ff ff, model ff ff ff ff ff ff ff ff)",
  },
  // The eras that write buffered words straight to RAM check no window: a two-word program whose first word opens the window
  // 0x000..0x0ff puts its second word, outside it, into the RAMBlock, where the model refuses the program.
  ...["qemu-2.1", "qemu-7.2.8", "qemu-2.2"].map((variant): Finding => ({
    variant,
    id: "P8",
    steps: ["write.b 0x000100 <- 0xe8", "write.b 0x000100 <- 0x01", "write.b 0x0000ff <- 0x00", "write.b 0x000100 <- 0x00", "write.b 0x000100 <- 0xd0"],
    failing: 4,
    message: "the RAMBlock on host A differs from the model's array (first difference at 0x0000ff: RAMBlock 00 00 ff ff ff ff ff ff, model ff ff ff ff ff ff ff ff)",
  })),
  // F6 through P8 on 7.2.22: the program made in the window is missing from the destination's RAMBlock.
  { variant: "qemu-7.2.22", id: "P8", steps: LIVE_PROGRAM("autostart"), failing: 3, message: `the RAMBlock on host B differs from the model's array (${LOST_IN_WINDOW})` },
  // F2: the destination comes up in ROMD mode, so status after a program setup reads array bytes (readonly=on or not).
  { variant: "qemu-7.2.22", id: "P2", steps: ["write.b 0x000000 <- 0x40", "migrate to B (shared, autostart)", "read.b 0x000000"], failing: 2, message: "the read returned 0xff, the model says 0x80" },
  { variant: "qemu-7.2.22", id: "P6", steps: ["write.b 0x000000 <- 0x40", "migrate to B (shared, readonly=on, autostart)", "read.b 0x000000"], failing: 2, message: "the read returned 0xff with the migrations and 0x80 without them", bootReadOnly: true },
  // F5: QEMU 10.0.2 opens no buffer for a one-word program, so the confirm is refused and the write is lost.
  {
    variant: "qemu-10.0",
    id: "P8",
    steps: [...ONE_WORD, "write.b 0x000000 <- 0x5a", "write.b 0x000000 <- 0xd0"],
    failing: 3,
    message: "the RAMBlock on host A differs from the model's array (first difference at 0x000000: RAMBlock ff ff ff ff ff ff ff ff, model 5a ff ff ff ff ff ff ff)",
  },
  // F6: a program made during a live migration, after its page was sent, never travels again: pflash does not mark its RAMBlock dirty.
  ...(["qemu-7.2.22", "qemu-10.0"] as const).map((variant): Finding => ({
    variant,
    id: "P9",
    steps: LIVE_PROGRAM("autostart"),
    failing: 3,
    message: `a write the guest made during the live migration to host B is missing from the destination's RAMBlock (${LOST_IN_WINDOW})`,
  })),
  // F11: a QMP stop at the pre-switchover pause is acknowledged and lost: the destination starts anyway (every era but the fix).
  ...([["qemu-7.2.22", "migrate-cancel"], ["qemu-10.0", "migrate-finish"]] as const).map(([variant, end]): Finding => ({
    variant,
    id: "P7",
    steps: ["migrate-start to B (shared, autostart)", "stop", end],
    failing: 2,
    message: "the target says status is running, the model says paused",
  })),
  // F13: a cancelled migration out of a destination that arrived paused (-S) makes 10.0 take over its stale non-shared drive.
  {
    variant: "qemu-10.0",
    id: "P1",
    runs: 10_000,
    sectorLen: 512,
    steps: ["write.b 0x000000 <- 0x40", "write.b 0x000000 <- 0x00", "migrate to C (non-shared, -S)", "migrate-start to B (shared, autostart)", "migrate-cancel"],
    failing: 4,
    message: "host C's active, writable drive does not hold what the guest sees (first difference at 0x000000: RAMBlock 00 ff ff ff ff ff ff ff, drive ff ff ff ff ff ff ff ff)",
  },
];

describe("known-bad variants and findings shrink to their minimal counterexample", () => {
  it.each(cases)("$variant breaks $id", async ({ variant, id, steps, failing, message, runs, sectorLen, bootReadOnly }) => {
    const o = await audit(variant, id, runs);
    expect(o.status).toBe("failed");
    if (o.status !== "failed") return;
    expect(stepsOf(o)).toEqual(steps);
    expect(o.trace.violation).toMatchObject({ step: failing, message });
    expect(o.case.boot.readOnly).toBe(bootReadOnly ?? false);
    expect(o.case.boot.geometry).toMatchObject({ sectorLen: sectorLen ?? 4096, bankWidth: 1, deviceWidth: 0 });
  });

  it("qemu-2.2 writes at load time, so the strict load-time check holds there, and breaks on 7.2.22", async () => {
    expect((await audit("qemu-2.2", "P1-strict")).status).toBe("held");
    const deferred = await audit("qemu-7.2.22", "P1-strict");
    expect(stepsOf(deferred)).toEqual([...PROGRAM, "migrate to B (non-shared, autostart)"]);
  });
});
