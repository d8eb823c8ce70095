// Why: the real emulator as a Target: each host a QEMU process on its own file, guest accesses over qtest, host events over QMP.

import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { flashSize, type Boot, type HostName, type Op } from "../../model/index.js";
import type { ObservedWrite, PageView, StepResult, Target, TargetState } from "../../engine/target.js";
import { QemuInstance } from "./instance.js";
import { viewOfBytes } from "../../engine/pages.js";
import { FIRMWARE_SIZE, haltingFirmware, initialImage } from "./images.js";
import { ramBlockFromStream } from "./ram-stream.js";
import { takeWorkspace, type Workspace } from "./workspace.js";

const FOUR_GIB = 2 ** 32;

/** `-L <prefix>/share/qemu` for a QEMU unpacked beside another (scripts/install-qemu.sh), so it never loads the system's ROMs of another version. */
function dataDirArgs(binary: string): string[] {
  const data = join(dirname(binary), "..", "share", "qemu");
  return binary.startsWith("/usr/bin/") || !existsSync(data) ? [] : ["-L", data];
}

const suffix = (w: number): string => (w === 1 ? "b" : w === 2 ? "w" : "l");

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
  private seen: (() => Promise<Uint8Array>) | null = null;
  private migrations = 0;
  private readonly image: Uint8Array;
  private readonly created = new Set<HostName>();
  private roCopy: { file: string; ctime: number; bytes: Buffer } | null = null;

  private constructor(
    private readonly binary: string,
    boot: Boot,
  ) {
    this.workspace = takeWorkspace();
    this.dir = this.workspace.dir;
    this.size = flashSize(boot.geometry);
    this.base = FOUR_GIB - FIRMWARE_SIZE - this.size;
    this.readOnly = boot.readOnly;
    this.image = initialImage(boot.template, this.size);
  }

  /** Host `h`'s local file, created with the initial contents the first time a process opens it. */
  private localFile(h: HostName): string {
    const path = join(this.dir, `${h}.fd`);
    if (!this.created.has(h)) {
      writeFileSync(path, this.image);
      this.created.add(h);
    }
    return path;
  }

  /** Boots host A from A.fd and runs it. */
  static async boot(binary: string, boot: Boot): Promise<QemuTarget> {
    const t = new QemuTarget(binary, boot);
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

  private args(file: string, readOnly: boolean, o: { incoming: boolean; paused: boolean }): string[] {
    return [
      // migration.x-events: migrations announce their end as QMP events, so nothing polls query-migrate.
      "-machine", "pc", "-m", "32", "-nodefaults", "-display", "none", "-accel", "tcg", "-no-user-config", "-global", "migration.x-events=on",
      ...(o.paused ? ["-S"] : []),
      "-drive", `if=pflash,unit=0,format=raw,readonly=on,file=${haltingFirmware()}`,
      "-drive", `if=pflash,unit=1,format=raw,file=${file}${readOnly ? ",readonly=on" : ""}`,
      ...(o.incoming ? ["-incoming", "defer"] : []),
      ...dataDirArgs(this.binary),
    ];
  }

  private start(label: string, file: string, readOnly: boolean, o: { incoming: boolean; paused: boolean }): Promise<QemuInstance> {
    return QemuInstance.start(this.binary, this.args(file, readOnly, o), this.dir, `${label}${this.migrations}`);
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

  private async migrate(op: Extract<Op, { kind: "migrate" }>): Promise<void> {
    // Two stream files in turn: the last incoming stream stays readable until this migration has replaced it.
    const stream = join(this.dir, `migration${++this.migrations % 2}`);
    const src = this.current;
    const block = op.storage === "block" ? { blk: true } : op.storage === "block-inc" ? { inc: true } : {};
    const file = op.storage === "shared" ? this.file : this.localFile(op.to);
    // The destination starts while the source migrates out, as in a real migration (and it saves the wait).
    const outgoing = (async () => {
      await src.execute("migrate", { uri: `exec:cat > ${stream}`, ...block });
      const failed = await this.migrationEnd(src, "the outgoing migration");
      if (failed !== null) throw src.failure(`the outgoing migration failed${failed ? `: ${failed}` : ""}`);
    })();
    const [started, out] = await Promise.allSettled([this.start(op.to, file, op.readOnly, { incoming: true, paused: !op.autostart }), outgoing]);
    if (started.status === "rejected") throw started.reason;
    const dst = started.value;
    if (out.status === "rejected") {
      await dst.quit();
      throw out.reason;
    }
    await dst.execute("migrate-incoming", { uri: `exec:cat ${stream}` });
    if ((await this.migrationEnd(dst, "the incoming migration")) !== null) throw dst.failure("the incoming migration failed");
    await src.quit();
    Object.assign(this, { current: dst, host: op.to, file, readOnly: op.readOnly, loaded: true });
    // The stream is read only if a property asks for the RAMBlock.
    let ram: Uint8Array | null = null;
    this.seen = async () => (ram ??= ramBlockFromStream(readFileSync(stream), "system.flash1", this.size));
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
    if (this.roCopy?.file !== this.file || this.roCopy.ctime !== ctime) this.roCopy = { file: this.file, ctime, bytes: readFileSync(this.file) };
    return this.roCopy;
  }

  async apply(op: Op): Promise<StepResult> {
    const guard = this.guard();
    const before = { q: this.current, file: this.file };
    let read: number | undefined;
    switch (op.kind) {
      case "read":
        read = Number(BigInt(await this.current.qtest(`read${suffix(op.width)} 0x${(this.base + op.offset).toString(16)}`)));
        break;
      case "write":
        this.seen = null;
        await this.current.qtest(`write${suffix(op.width)} 0x${(this.base + op.offset).toString(16)} 0x${op.value.toString(16)}`);
        break;
      case "migrate":
        await this.migrate(op);
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
      const now = readFileSync(guard.file);
      if (!now.equals(guard.bytes)) {
        const at = guard.bytes.findIndex((b, i) => b !== now[i]);
        writes.push({ file: this.nameOf(guard.file), offset: at, length: 1, refused: "no-write-permission" });
      }
    }
    return { writes, ...(read === undefined ? {} : { read }) };
  }

  async state(): Promise<TargetState> {
    const s = (await this.current.execute("query-status")) as { running: boolean };
    return { host: this.host, running: s.running, readOnly: this.readOnly, loaded: this.loaded, driveActive: await this.driveActive() };
  }

  /** QEMU 10 and later say per block node whether it is active; older QEMUs do not (then an image is taken as active, as 7.2 activates at the end of a migration). */
  private activeField: boolean | null = null;

  /** Whether every block node of the current drive file is active, as QMP `query-named-block-nodes` reports it where it can. */
  private async driveActive(): Promise<boolean> {
    if (this.activeField === false) return true;
    const nodes = (await this.current.execute("query-named-block-nodes")) as { file: string; active?: boolean }[];
    const mine = nodes.filter((n) => n.file === this.file);
    this.activeField = mine.some((n) => typeof n.active === "boolean");
    return this.activeField ? mine.every((n) => n.active !== false) : true;
  }

  async flash(): Promise<PageView | null> {
    return this.seen ? viewOfBytes(await this.seen()) : null;
  }

  async drive(): Promise<PageView> {
    return viewOfBytes(new Uint8Array(readFileSync(this.file)));
  }

  async close(): Promise<void> {
    if (this.current) await this.current.quit().catch(() => this.current.kill());
    this.workspace.release();
  }

  /** For tests: the live process. */
  get process(): QemuInstance {
    return this.current;
  }
}


