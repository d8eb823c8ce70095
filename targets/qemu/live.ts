// Why: holds a real QEMU's live migration open at a known position of precopy, for as long as the harness has steps to run in its window.

import type { MigrateStart } from "../../model/index.js";
import { delay } from "./command-line.js";
import type { QemuInstance } from "./instance.js";

/** The window closed by itself, or could not be opened or held where it was meant to be: a limit of the harness, not a finding. */
export class LiveWindowError extends Error {
  override readonly name = "LiveWindowError";
}

/** The longest a first pass may take (a 64 MiB flash goes in well under a second). */
const FIRST_PASS_MS = 30_000;
/**
 * max-bandwidth that holds the first pass in guest RAM: QEMU allows a tenth of it per 100 ms
 * (XFER_LIMIT_RATIO), here 10 bytes, so 7.2 sends about one page per period and 10.0, which counts
 * bytes only when its 32 KiB buffer is flushed, eight non-zero pages. (1 would be 0 per period: no limit.)
 */
const CRAWL = 100;
/** Guest RAM filled with a non-zero byte from 1 MiB up (zero pages cost 10.0 almost nothing): the pages the first pass must get through before the flash. */
const FILL = { at: 0x100000, bytes: 8 << 20, value: 0x5a };
const PAGE = 4096;
/** max-bandwidth once the window is released: the filled RAM goes at memory speed (the source quits after the switchover). */
const RELEASED = 2 ** 40;

interface RamStats {
  readonly status: string;
  readonly ram?: { readonly duplicate?: number; readonly normal?: number };
}

/** Pages precopy has sent: zero pages and the others. */
const pagesOf = (s: RamStats): number => (s.ram?.duplicate ?? 0) + (s.ram?.normal ?? 0);

/**
 * A live migration of `source` held at one of two positions (`MigrateStart["position"]`):
 *
 * - after the first pass (the default), at QEMU's pre-switchover pause (capability
 *   pause-before-switchover): precopy has sent every page at least once and has converged, and the
 *   migration waits in migration_maybe_pause() before ram_save_complete()'s last dirty-log sync,
 *   before the device state is saved and before the images are inactivated. QEMU has stopped the
 *   source's CPUs there; the device cannot tell qtest's accesses from the CPU's.
 * - in the first pass: guest RAM is filled with non-zero pages and max-bandwidth throttled to a crawl,
 *   so precopy is still copying guest RAM (the biggest RAMBlock, sent first) and has not reached the
 *   flash, while the guest runs. Every access checks that this is still so; `release` lifts the limit
 *   and the migration completes without a pause.
 */
export class LiveWindow {
  private constructor(
    readonly source: QemuInstance,
    private readonly firstPass: { readonly bandwidth: number; readonly ramPages: number } | null,
  ) {}

  /** QMP migrate to `uri`, then waits until the window is where `position` says (`ramMiB`: the guest's RAM, sent before the flash). */
  static async open(source: QemuInstance, uri: string, block: Record<string, boolean>, position: MigrateStart["position"], ramMiB: number): Promise<LiveWindow> {
    if (position !== "first-pass") {
      await LiveWindow.pausing(source, true);
      await source.migrate({ uri, ...block });
      const e = await source.waitEvent((m) => m.event === "MIGRATION" && ["pre-switchover", "completed", "failed", "cancelled"].includes(String(m.data?.status)), FIRST_PASS_MS, "the live migration's first pass");
      if (e.data?.status !== "pre-switchover") throw new LiveWindowError(`${source.name}: the live migration ended (${String(e.data?.status)}) instead of pausing before its switchover`);
      return new LiveWindow(source, null);
    }
    await source.qtest(`memset 0x${FILL.at.toString(16)} 0x${FILL.bytes.toString(16)} 0x${FILL.value.toString(16)}`);
    const params = (await source.execute("query-migrate-parameters")) as { "max-bandwidth": number };
    await source.execute("migrate-set-parameters", { "max-bandwidth": CRAWL });
    await source.migrate({ uri, ...block });
    const w = new LiveWindow(source, { bandwidth: params["max-bandwidth"], ramPages: (ramMiB << 20) / PAGE });
    // Until precopy has sent its first pages it is in setup and its first writes, where a cancel leaves 10.0.2 with a
    // channel error (F9) that a cancel while it waits out the throttle does not: the window opens once it crawls. Block
    // migration (7.2 only, which keeps no such error) copies the drive first and sends no page at this speed: once active.
    const blockMigration = Object.keys(block).length > 0;
    const crawling = async () => {
      const q = await w.query();
      return q.status === "active" && (pagesOf(q) > 0 || blockMigration);
    };
    for (const until = performance.now() + FIRST_PASS_MS; !(await crawling()); ) {
      if (performance.now() > until) throw new LiveWindowError(`${source.name}: the live migration sent no page within ${FIRST_PASS_MS / 1000} s`);
      await delay(5);
    }
    return w;
  }

  /** Turns the pause before switchover on or off for the source's next migrations. */
  private static async pausing(q: QemuInstance, on: boolean): Promise<void> {
    await q.execute("migrate-set-capabilities", { capabilities: [{ capability: "pause-before-switchover", state: on }] });
  }

  /** Throws unless the migration is still where it was held: paused before its switchover, or active with the flash not yet reached. */
  async stillOpen(): Promise<void> {
    if (!this.firstPass) {
      const s = (await this.source.execute("query-migrate")) as RamStats;
      if (s.status !== "pre-switchover") throw new LiveWindowError(`${this.source.name}: the live migration left its window on its own (${s.status})`);
      return;
    }
    const pages = pagesOf(await this.query());
    if (pages >= this.firstPass.ramPages) throw new LiveWindowError(`${this.source.name}: the first pass reached the end of guest RAM (${pages} pages sent) while the window was open`);
  }

  /** query-migrate, throwing unless the migration is still in setup or active. */
  private async query(): Promise<RamStats> {
    const s = (await this.source.execute("query-migrate")) as RamStats;
    if (s.status !== "active" && s.status !== "setup") throw new LiveWindowError(`${this.source.name}: the live migration left its first pass on its own (${s.status})`);
    return s;
  }

  /** The switchover goes ahead: QMP migrate-continue at the pause, or the bandwidth limit lifted in the first pass (the caller waits for the migration's end). */
  async release(): Promise<void> {
    if (this.firstPass) await this.source.execute("migrate-set-parameters", { "max-bandwidth": RELEASED });
    else await this.source.execute("migrate-continue", { state: "pre-switchover" });
  }

  /** QMP migrate_cancel; returns once QEMU says the migration is cancelled and the source runs again, with its own migration parameters back. */
  async cancel(): Promise<void> {
    await this.source.execute("migrate_cancel");
    await this.source.waitEvent((e) => e.event === "MIGRATION" && e.data?.status === "cancelled", 10_000, "the cancelled migration");
    if (this.firstPass) await this.source.execute("migrate-set-parameters", { "max-bandwidth": this.firstPass.bandwidth });
    else await LiveWindow.pausing(this.source, false);
  }
}
