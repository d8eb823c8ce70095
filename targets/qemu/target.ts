// Why: the real emulator as a Target: each host a QEMU process on its own file, guest accesses over qtest, host events over QMP.

import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { flashSize, type Boot, type HostName, type Migrate, type MigrateEnd, type MigrateStart, type Op } from "../../model/index.js";
import { PEER_HOSTS, type DeviceSection, type ObservedWrite, type PageView, type StepResult, type Target, type TargetState } from "../../engine/target.js";
import { fill_cfi_table } from "../../impl/pflash-query.js";
import { sectionText } from "../section-text.js";
import { propsFor } from "../port.js";
import { deviceSection } from "./device-section.js";
import { QemuInstance } from "./instance.js";
import { viewOfBytes } from "../../engine/pages.js";
import { haltingFirmware, initialImage } from "./images.js";
import { pcFlashBase } from "../../generators/geometries.js";
import { ActivationProbe } from "./activation.js";
import { pflashMachineArgs } from "./command-line.js";
import { LiveWindow, LiveWindowError } from "./live.js";
import { convertToQcow2, qcow2Bytes } from "./qcow2.js";
import { runSnapshotStep } from "./snapshot-commands.js";
import { ramBlockFromStream, StreamError } from "./ram-stream.js";
import { takeWorkspace, type Workspace } from "./workspace.js";


/** Every host's guest RAM: the first RAMBlock precopy sends, so a live window can be held before the flash's turn. */
const GUEST_RAM_MIB = 32;
const suffix = (w: number): string => (w === 1 ? "b" : w === 2 ? "w" : "l");

/** How the hosts run QEMU: the machine type every process gets, and the binary of hosts B and C when it is another version. */
export interface QemuHosts {
  /** `pc`, or a versioned type both binaries have (pc-i440fx-7.2) so that each loads the other's stream. */
  readonly machine: string;
  readonly peer?: string;
  /** qemu-img, which makes a snapshot run's qcow2 drives (absent: no snapshot runs). */
  readonly qemuImg?: string;
}

/** The length of pflash_cfi01's own fields in its section: u8 wcycle, u8 cmd, u8 status, be64 counter. */
const PFLASH_FIELDS = 11;

/** One sequence's world on real QEMU processes. */
export class QemuTarget implements Target {
  private readonly workspace: Workspace;
  private readonly dir: string;
  private readonly size: number;
  private readonly base: number;
  private current!: QemuInstance;
  private host: HostName = "A";
  private file = "";
  private readOnly: boolean;
  private loaded = false;
  /**
   * How to see the RAMBlock exactly, fetched only when a property asks: from the last incoming
   * stream, or by reading the region while it is still in ROMD mode after a boot; null once a
   * guest write may have changed it.
   */
  private seen: (() => Promise<Uint8Array | null>) | null = null;
  private migrations = 0;
  /** QEMU processes started so far: each gets its own label (A0, B1, B2, ...) and so its own socket and stderr file. */
  private started = 0;
  /** The stream the current process was loaded from (this.seen may read it). */
  private incoming: string | null = null;
  /** The live migration held open, and where it goes. */
  private live: LiveWindow | null = null;
  private liveTo: { op: MigrateStart; out: { stream: string; file: string; block: Record<string, boolean> } } | null = null;
  private readonly image: Uint8Array;
  /** The device's write-buffer size, as the port computes it from the geometry (where its section's subsection ends). */
  private readonly writeblock: number;
  private readonly created = new Set<HostName>();
  private roCopy: { file: string; ctime: number; bytes: Buffer } | null = null;

  private constructor(
    private readonly binary: string,
    boot: Boot,
    private readonly hosts: QemuHosts,
  ) {
    this.workspace = takeWorkspace();
    this.dir = this.workspace.dir;
    this.size = flashSize(boot.geometry);
    this.base = pcFlashBase(this.size);
    this.readOnly = boot.readOnly;
    this.image = initialImage(boot.template, this.size);
    this.writeblock = fill_cfi_table(propsFor(boot.geometry)).writeblock_size;
    this.format = boot.format ?? "raw";
  }

  private readonly format: "raw" | "qcow2";

  /** Host `h`'s local file, created with the initial contents the first time a process opens it. */
  private localFile(h: HostName): string {
    const path = join(this.dir, `${h}.fd`);
    if (!this.created.has(h)) {
      if (this.format === "raw") writeFileSync(path, this.image);
      else {
        if (this.hosts.qemuImg === undefined) throw new Error("a snapshot run needs qemu-img (Debian: apt-get install qemu-utils)");
        writeFileSync(`${path}.raw`, this.image);
        convertToQcow2(this.hosts.qemuImg, `${path}.raw`, path);
        rmSync(`${path}.raw`);
      }
      this.created.add(h);
    }
    return path;
  }

  /** Boots host A from A.fd and runs it; with a peer, hosts B and C run the peer's binary. */
  static async boot(binary: string, boot: Boot, hosts: QemuHosts = { machine: "pc" }): Promise<QemuTarget> {
    const t = new QemuTarget(binary, boot, hosts);
    try {
      t.file = t.localFile("A");
      t.current = await t.start("A", t.file, t.readOnly, { incoming: false, paused: true });
      await t.current.execute("cont");
      t.seen = t.readFlashOnce();
      return t;
    } catch (e) {
      await t.close();
      throw e;
    }
  }

  /** The binary host `h` runs. */
  private binaryOn(h: HostName): string {
    return this.hosts.peer !== undefined && PEER_HOSTS.includes(h) ? this.hosts.peer : this.binary;
  }

  private args(binary: string, file: string, readOnly: boolean, o: { incoming: boolean; paused: boolean }): string[] {
    const m = { binary, machine: this.hosts.machine, memoryMiB: GUEST_RAM_MIB, firmware: haltingFirmware(), drive: file, driveReadOnly: readOnly, driveFormat: this.format };
    // migration.x-events: migrations announce their end as QMP events, so nothing polls query-migrate.
    return pflashMachineArgs(m, "-global", "migration.x-events=on", ...(o.paused ? ["-S"] : []), ...(o.incoming ? ["-incoming", "defer"] : []));
  }

  private start(host: HostName, file: string, readOnly: boolean, o: { incoming: boolean; paused: boolean }): Promise<QemuInstance> {
    const binary = this.binaryOn(host);
    return QemuInstance.start(binary, this.args(binary, file, readOnly, o), this.dir, `${host}${this.started++}`);
  }

  /** The whole RAMBlock through qtest, exact only while the region is in ROMD mode (right after a boot): read once, when first asked. */
  private readFlashOnce(): () => Promise<Uint8Array> {
    let bytes: Promise<Uint8Array> | null = null;
    return () => (bytes ??= this.current.qtest(`b64read 0x${this.base.toString(16)} 0x${this.size.toString(16)}`).then((b64) => new Uint8Array(Buffer.from(b64, "base64"))));
  }

  /** Waits (at most 30 s) for `q`'s migration to complete or fail, from QMP MIGRATION events; returns the error text of a failure. */
  private async migrationEnd(q: QemuInstance, what: string): Promise<string | null> {
    const end = await q.waitEvent((e) => e.event === "MIGRATION" && (e.data?.status === "completed" || e.data?.status === "failed"), 30_000, what);
    if (end.data?.status === "completed") return null;
    const s = (await q.execute("query-migrate")) as { "error-desc"?: string };
    return s["error-desc"] ?? "";
  }

  /** Where an outgoing migration writes, and what the destination opens. */
  private outgoing(op: Omit<Migrate, "kind">): { stream: string; file: string; block: Record<string, boolean> } {
    // One stream file per migration: the last incoming stream stays readable (this.seen) until a later migration has completed.
    const stream = join(this.dir, `migration${++this.migrations}`);
    const block: Record<string, boolean> = op.storage === "block" ? { blk: true } : op.storage === "block-inc" ? { inc: true } : {};
    const file = op.storage === "shared" ? this.file : this.localFile(op.to);
    return { stream, file, block };
  }

  /** Starts the destination while `completing` brings the source's migration to its end, loads the stream there, and makes it current. */
  private async switchOver(op: Omit<Migrate, "kind">, out: { stream: string; file: string }, completing: Promise<void>): Promise<void> {
    const src = this.current;
    // The destination starts while the source migrates out, as in a real migration (and it saves the wait).
    const [started, done] = await Promise.allSettled([this.start(op.to, out.file, op.readOnly, { incoming: true, paused: !op.autostart }), completing]);
    if (started.status === "rejected") throw started.reason;
    const dst = started.value;
    if (done.status === "rejected") {
      await dst.quit();
      throw done.reason;
    }
    // libvirt sets late-block-activate on every destination; the step says whether this one has it.
    if (op.lateBlockActivate) await dst.execute("migrate-set-capabilities", { capabilities: [{ capability: "late-block-activate", state: true }] });
    await dst.execute("migrate-incoming", { uri: `exec:cat ${out.stream}` });
    if ((await this.migrationEnd(dst, "the incoming migration")) !== null) throw dst.failure("the incoming migration failed");
    await src.quit();
    this.dropStream(this.incoming);
    Object.assign(this, { current: dst, host: op.to, file: out.file, readOnly: op.readOnly, loaded: true, incoming: out.stream });
    // The stream is read only if a property asks for the RAMBlock.
    let ram: Promise<Uint8Array | null> | null = null;
    this.seen = () => (ram ??= this.loadedRam(out.stream));
  }

  /**
   * The RAMBlock the current process loaded from `stream`. A live migration's stream can hold pages
   * whose block is named only in an earlier pass; then the region itself is read, if it is in ROMD
   * mode (reads go straight to the RAMBlock, as HMP's flat memory tree says), and otherwise the
   * RAMBlock cannot be seen at this step (null: a property skips it, never credits it).
   */
  private async loadedRam(stream: string): Promise<Uint8Array | null> {
    try {
      return ramBlockFromStream(readFileSync(stream), "system.flash1", this.size);
    } catch (e) {
      if (!(e instanceof StreamError)) throw e;
    }
    return this.ramIfRomd();
  }

  /** The RAMBlock read through the region while it is in ROMD mode (HMP's flat memory tree says so); null when it is not. */
  private async ramIfRomd(): Promise<Uint8Array | null> {
    const tree = (await this.current.execute("human-monitor-command", { "command-line": "info mtree -f" })) as string;
    if (!/\(prio \d+, romd\): system\.flash1\b/.test(tree)) return null;
    return this.readFlashOnce()();
  }

  /** The source's migration has completed (or throws what went wrong). */
  private async completed(src: QemuInstance): Promise<void> {
    const failed = await this.migrationEnd(src, "the outgoing migration");
    if (failed !== null) throw src.failure(`the outgoing migration failed${failed ? `: ${failed}` : ""}`);
  }

  private async migrate(op: Migrate): Promise<void> {
    const out = this.outgoing(op);
    const src = this.current;
    await this.switchOver(op, out, (async () => {
      await src.migrate({ uri: `exec:cat > ${out.stream}`, ...out.block });
      await this.completed(src);
    })());
  }

  /** migrate-start: the source migrates out, held open where `op.position` says (after precopy's first pass, or in it). */
  private async migrateStart(op: MigrateStart): Promise<void> {
    const out = this.outgoing(op);
    this.live = await LiveWindow.open(this.current, `exec:cat > ${out.stream}`, out.block, op.position, GUEST_RAM_MIB);
    this.liveTo = { op, out };
  }

  /** migrate-finish, migrate-cancel, migrate-fail. */
  private async migrateEnd(kind: MigrateEnd["kind"]): Promise<void> {
    const [live, to] = [this.live, this.liveTo];
    if (!live || !to) throw new Error(`${kind} with no live migration in progress`);
    [this.live, this.liveTo] = [null, null];
    if (kind === "migrate-finish") return this.switchOver(to.op, to.out, live.release().then(() => this.completed(live.source)));
    if (kind === "migrate-fail") await this.destinationDies(to.op, to.out);
    await live.cancel();
    this.dropStream(to.out.stream);
  }

  /**
   * migrate-fail: the destination starts on its drive, as for a real migration, and dies in the middle
   * of the stream: it loads what the source has sent so far (the stream file as it is: at the pause
   * every RAM pass but not the device state; in the first pass the setup and the first pages) and
   * fails at its end, as at a lost connection. A block migration's destination dies before it reads
   * anything: the drive data comes first in the stream and would be written into its file, which a
   * failed migration's ideal does not describe (README, "Live migrations").
   */
  private async destinationDies(op: MigrateStart, out: { stream: string; file: string; block: Record<string, boolean> }): Promise<void> {
    const dst = await this.start(op.to, out.file, op.readOnly, { incoming: true, paused: true });
    try {
      if (Object.keys(out.block).length === 0) {
        await dst.execute("migrate-incoming", { uri: `exec:cat ${out.stream}` });
        if ((await this.migrationEnd(dst, "the incoming migration of a partial stream")) === null) throw new LiveWindowError(`${dst.name} loaded a partial stream as if it were whole`);
      }
    } catch (e) {
      // QEMU exits by itself once its incoming migration has failed (it may do so before the event arrives); one
      // that hangs, or dies by a signal, on a partial stream is not that.
      if (dst.alive || / was killed by /.test((e as Error).message)) throw e;
    } finally {
      dst.kill();
      await dst.quit();
    }
  }

  /** Removes a stream file no view needs any more. */
  private dropStream(stream: string | null): void {
    if (stream) rmSync(stream, { force: true });
  }

  /** A drive file as reports name it: its name inside this target's folder, e.g. "A.fd". */
  private nameOf(file: string): string {
    return file.slice(this.dir.length + 1);
  }

  /**
   * Drive writes the device tried and the block layer refused, from QEMU's own report on stderr
   * (pflash_update's "Could not update PFLASH: ..."), for the processes that ran the step.
   */
  private refusedWrites(before: { q: QemuInstance; file: string }): ObservedWrite[] {
    const ran = before.q === this.current ? [before] : [before, { q: this.current, file: this.file }];
    return ran.flatMap(({ q, file }) =>
      q
        .newStderr()
        .split("\n")
        .map((line) => /Could not update PFLASH: .*$/.exec(line)?.[0])
        .filter((said): said is string => said !== undefined)
        .map((said) => ({ file: this.nameOf(file), offset: null, length: null, refused: /not permitted/i.test(said) ? "no-write-permission" : null, reported: said })),
    );
  }

  /** A read-only drive's change time when the step began, and its bytes then (kept while the file does not change). */
  private guard(): { file: string; ctime: number; bytes: Buffer } | null {
    if (!this.readOnly) return null;
    const ctime = statSync(this.file).ctimeMs;
    if (this.roCopy?.file !== this.file || this.roCopy.ctime !== ctime) this.roCopy = { file: this.file, ctime, bytes: this.guestBytes(this.file) };
    return this.roCopy;
  }

  async apply(op: Op): Promise<StepResult> {
    const guard = this.guard();
    const before = { q: this.current, file: this.file };
    let read: number | undefined;
    switch (op.kind) {
      case "read":
        await this.live?.stillOpen();
        read = Number(BigInt(await this.current.qtest(`read${suffix(op.width)} 0x${(this.base + op.offset).toString(16)}`)));
        break;
      case "write":
        await this.live?.stillOpen();
        this.seen = null;
        await this.current.qtest(`write${suffix(op.width)} 0x${(this.base + op.offset).toString(16)} 0x${op.value.toString(16)}`);
        break;
      case "migrate":
        await this.migrate(op);
        break;
      case "migrate-start":
        await this.migrateStart(op);
        break;
      case "migrate-finish":
      case "migrate-cancel":
      case "migrate-fail":
        await this.migrateEnd(op.kind);
        break;
      case "cont":
        await this.current.execute("cont");
        break;
      case "stop":
        await this.current.execute("stop");
        break;
      case "reset":
        await this.current.execute("system_reset");
        break;
      case "savevm":
      case "delvm":
        await runSnapshotStep(this.current, op);
        break;
      case "loadvm": {
        await runSnapshotStep(this.current, op);
        // The RAMBlock is the snapshot's now: seen through the region if the loaded state left it in ROMD mode.
        let ram: Promise<Uint8Array | null> | null = null;
        this.seen = () => (ram ??= this.ramIfRomd());
        break;
      }
      case "cold-boot": {
        await this.current.quit();
        this.current = await this.start(this.host, this.file, this.readOnly, { incoming: false, paused: true });
        await this.current.execute("cont");
        this.loaded = false;
        this.seen = this.readFlashOnce();
        break;
      }
    }
    const writes: ObservedWrite[] = this.refusedWrites(before);
    if (guard && statSync(guard.file).ctimeMs !== guard.ctime) {
      const now = this.guestBytes(guard.file);
      if (!now.equals(guard.bytes)) {
        const at = guard.bytes.findIndex((b, i) => b !== now[i]);
        writes.push({ file: this.nameOf(guard.file), offset: at, length: 1, refused: "no-write-permission" });
      }
    }
    return { writes, ...(read === undefined ? {} : { read }) };
  }

  async state(): Promise<TargetState> {
    const s = (await this.current.execute("query-status")) as { running: boolean; status: string };
    return { host: this.host, running: s.running, status: s.status, readOnly: this.readOnly, loaded: this.loaded, driveActive: await this.driveActive() };
  }

  /** Whether the current process has activated its drive (activation.ts); only it has the file open: a source quits before its destination becomes current. */
  private readonly activation = new ActivationProbe();

  private driveActive(): Promise<boolean> {
    return this.activation.active(this.current, this.binaryOn(this.host), this.file);
  }

  async flash(): Promise<PageView | null> {
    const bytes = this.seen ? await this.seen() : null;
    return bytes ? viewOfBytes(bytes) : null;
  }

  async drive(): Promise<PageView> {
    return viewOfBytes(this.guestBytes(this.file));
  }

  /** What the guest's disk in `file` holds: the file itself, or a qcow2 image's active layer (offsets are then the guest's). */
  private guestBytes(file: string): Buffer {
    const bytes = readFileSync(file);
    return this.format === "qcow2" ? Buffer.from(qcow2Bytes(bytes)) : bytes;
  }

  /** flash1's pflash_cfi01 section (instance 1) of the stream the current process loaded, read with the port's loader. */
  async section(): Promise<DeviceSection | null> {
    if (!this.loaded || this.incoming === null) return null;
    const bytes = deviceSection(readFileSync(this.incoming), "pflash_cfi01", 1, PFLASH_FIELDS, this.writeblock);
    return bytes === null ? { bytes: new Uint8Array(0), text: "no pflash_cfi01 section for flash1 in the stream" } : { bytes, text: sectionText(bytes, this.writeblock) };
  }

  async close(): Promise<void> {
    if (this.current) await this.current.quit().catch(() => this.current.kill());
    this.dropStream(this.incoming);
    this.dropStream(this.liveTo?.out.stream ?? null);
    this.workspace.release();
  }

  /** For tests: the live process. */
  get process(): QemuInstance {
    return this.current;
  }
}


