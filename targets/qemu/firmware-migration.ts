// Why: the end-to-end check a firmware developer believes: boot the real firmware, migrate it at a point of its boot, let it finish on the destination, and look at the variable store it leaves.

import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { delay, pflashMachineArgs, serialShows } from "./command-line.js";
import { QemuInstance } from "./instance.js";
import { takeWorkspace } from "./workspace.js";

/** One migration of a booting firmware. */
export interface BootMigration {
  readonly binary: string;
  readonly firmware: string;
  /** The store the boot starts from (copied to both hosts' files). */
  readonly vars: string;
  /** The destination opens the source's file, or its own copy of the starting store (block: which the migration copies the source's drive into, QMP migrate `blk`). */
  readonly storage: "shared" | "non-shared" | "block";
  /** Live (precopy while the firmware runs, downtime limit 1 ms so it iterates while the firmware is busy), or with the VM stopped first. */
  readonly live: boolean;
  /** How long the firmware boots on the source before the migration starts. */
  readonly afterMs: number;
  /** The destination's serial console text that ends the boot, and the most it may take. */
  readonly marker: string;
  readonly seconds: number;
}

/** What the destination left. */
export interface BootMigrationResult {
  readonly finalVars: Uint8Array;
  readonly reachedMarker: boolean;
  readonly migrationMs: number;
}

const until = async (q: QemuInstance, status: string) =>
  q.waitEvent((e) => e.event === "MIGRATION" && (e.data?.status === "completed" || e.data?.status === "failed"), 120_000, status);

/**
 * Boots `p.firmware` on host A, migrates it to host B after `p.afterMs` (through a stream file), lets
 * B run until its serial console shows the marker, shuts both down and returns B's store. The run's
 * folder is released and every process shut down whatever happens.
 */
export async function migrateDuringBoot(p: BootMigration): Promise<BootMigrationResult> {
  const ws = takeWorkspace();
  const file = (n: string) => join(ws.dir, n);
  const args = (vars: string, serial: string, incoming: boolean) =>
    pflashMachineArgs({ binary: p.binary, machine: "pc", memoryMiB: 256, firmware: p.firmware, drive: vars }, "-global", "migration.x-events=on", "-serial", `file:${serial}`, ...(incoming ? ["-incoming", "defer"] : ["-S"]));
  const procs: QemuInstance[] = [];
  try {
    copyFileSync(p.vars, file("A.fd"));
    copyFileSync(p.vars, file("B.fd"));
    const dst = p.storage === "shared" ? file("A.fd") : file("B.fd");
    const a = await QemuInstance.start(p.binary, args(file("A.fd"), file("a.log"), false), ws.dir, "A0");
    procs.push(a);
    await a.execute("cont");
    await delay(p.afterMs);
    const b = await QemuInstance.start(p.binary, args(dst, file("b.log"), true), ws.dir, "B1");
    procs.push(b);
    if (p.live) await a.execute("migrate-set-parameters", { "downtime-limit": 1 });
    else await a.execute("stop");
    const t0 = Date.now();
    await a.execute("migrate", { uri: `exec:cat > ${file("stream")}`, ...(p.storage === "block" ? { blk: true } : {}) });
    if ((await until(a, "the outgoing migration")).data?.status !== "completed") throw a.failure("the outgoing migration failed");
    const migrationMs = Date.now() - t0;
    await b.execute("migrate-incoming", { uri: `exec:cat ${file("stream")}` });
    if ((await until(b, "the incoming migration")).data?.status !== "completed") throw b.failure("the incoming migration failed");
    await a.quit();
    if (!p.live) await b.execute("cont");
    // A boot that reached the marker on the source before the switchover only idles on the destination: give it a moment to run.
    const onSource = serialShows(file("a.log"), p.marker);
    if (onSource) await delay(1000);
    let reachedMarker = onSource;
    for (const end = Date.now() + p.seconds * 1000; Date.now() < end && !reachedMarker; ) {
      await delay(250);
      reachedMarker = serialShows(file("b.log"), p.marker);
    }
    await b.quit();
    return { finalVars: new Uint8Array(readFileSync(dst)), reachedMarker, migrationMs };
  } finally {
    for (const q of procs) if (q.alive) await q.quit().catch(() => q.kill());
    ws.release();
  }
}
