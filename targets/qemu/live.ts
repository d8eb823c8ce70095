// Why: holds a real QEMU's live migration open, after precopy has sent every page, for as long as the harness has steps to run in its window.

import type { QemuInstance } from "./instance.js";

/** The window closed by itself, or could not be opened: a limit of the harness, not a finding. */
export class LiveWindowError extends Error {
  override readonly name = "LiveWindowError";
}

/** The longest a first pass may take (a 64 MiB flash goes in well under a second). */
const FIRST_PASS_MS = 30_000;

/**
 * A live migration of `source` held at QEMU's pre-switchover pause (capability
 * pause-before-switchover): precopy has sent every page at least once and has converged, and the
 * migration waits in migration_maybe_pause() before ram_save_complete()'s last dirty-log sync,
 * before the device state is saved and before the images are inactivated. For the flash this is
 * the window after the first pass: the device still writes its RAMBlock and its active drive, and
 * only what the last sync finds in the dirty log is sent again. QEMU has stopped the source's
 * CPUs there; guest accesses come through qtest, which the device cannot tell from the CPU's.
 */
export class LiveWindow {
  private constructor(readonly source: QemuInstance) {}

  /** QMP migrate to `uri`, then waits for the pause. */
  static async open(source: QemuInstance, uri: string, block: Record<string, boolean>): Promise<LiveWindow> {
    await LiveWindow.pausing(source, true);
    await source.execute("migrate", { uri, ...block });
    const e = await source.waitEvent((m) => m.event === "MIGRATION" && ["pre-switchover", "completed", "failed", "cancelled"].includes(String(m.data?.status)), FIRST_PASS_MS, "the live migration's first pass");
    if (e.data?.status !== "pre-switchover") throw new LiveWindowError(`${source.name}: the live migration ended (${String(e.data?.status)}) instead of pausing before its switchover`);
    return new LiveWindow(source);
  }

  /** Turns the pause before switchover on or off for the source's next migrations. */
  private static async pausing(q: QemuInstance, on: boolean): Promise<void> {
    await q.execute("migrate-set-capabilities", { capabilities: [{ capability: "pause-before-switchover", state: on }] });
  }

  /** Throws unless the migration is still paused in its window. */
  async stillOpen(): Promise<void> {
    const s = (await this.source.execute("query-migrate")) as { status: string };
    if (s.status !== "pre-switchover") throw new LiveWindowError(`${this.source.name}: the live migration left its window on its own (${s.status})`);
  }

  /** QMP migrate-continue: the switchover goes ahead (the caller waits for the migration's end). */
  async release(): Promise<void> {
    await this.source.execute("migrate-continue", { state: "pre-switchover" });
  }

  /** QMP migrate_cancel; returns once QEMU says the migration is cancelled and the source runs again. */
  async cancel(): Promise<void> {
    await this.source.execute("migrate_cancel");
    await this.source.waitEvent((e) => e.event === "MIGRATION" && e.data?.status === "cancelled", 10_000, "the cancelled migration");
    await LiveWindow.pausing(this.source, false);
  }
}
