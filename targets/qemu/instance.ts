// Why: one QEMU process under the harness: qtest and QMP over unix sockets it connects to, bounded waits, and never left behind.

import { readFileSync, statSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import { TargetCrash } from "../../engine/target.js";
import { accountTimes, cpuAccount, procCpuSeconds } from "./cpu-time.js";
import { HangError, LineReader } from "./lines.js";
import { Qmp, QmpError, type QmpEvent } from "./qmp.js";
import { Launcher, type Ending } from "./launcher.js";
import { withoutRunFolder } from "./workspace.js";
import { trackPid, untrackPid } from "./reaper.js";
import { delay } from "./command-line.js";

/** Bounds on every wait, in milliseconds. */
export const LIMITS = { start: 10_000, qtest: 5_000, qmp: 10_000, quit: 3_000 };

/**
 * When set, every process start and every qtest and QMP command is appended here as
 * "LABEL start ARGV...", "LABEL qtest LINE" or "LABEL qmp JSON" (tests compare it with what a
 * reproducer script sends).
 */
export const commandLog: { lines: string[] | null } = { lines: null };

/** The emulator died, failed a command or stopped answering; `stderr` is the tail of what it printed. */
export class QemuFailure extends TargetCrash {
  override readonly name = "QemuFailure";
}


/** Listens on a unix socket for the one connection QEMU makes to it. */
async function listen(path: string): Promise<{ connection: Promise<Socket>; close: () => void }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, resolve);
  });
  return { connection: new Promise<Socket>((resolve) => server.once("connection", resolve)), close: () => server.close() };
}

/** One running QEMU process. */
export class QemuInstance {
  private exited: string | null = null;
  private quitting = false;
  private readonly timesFile: string;
  private readonly gone: Promise<void>;
  private markGone!: () => void;
  private qtestSocket!: Socket;
  private qtestReader!: LineReader;
  private qmp!: Qmp;
  private pidNumber: number | undefined;
  /** How messages name the process: "QEMU on host B" (the label, e.g. "B3", names its files). */
  readonly name: string;

  private constructor(
    readonly label: string,
    private readonly stderrFile: string,
  ) {
    this.timesFile = `${stderrFile}.times`;
    this.name = `QEMU on host ${label.charAt(0)}`;
    this.gone = new Promise((resolve) => (this.markGone = resolve));
  }

  /** The launcher says the process ended. */
  private ended(e: Ending): void {
    if (this.pidNumber !== undefined) untrackPid(this.pidNumber);
    accountTimes(this.timesFile);
    this.exited = "signal" in e ? `was killed by ${e.signal}` : `exited with status ${e.code}`;
    // A process we shut down ourselves needs no stderr tail: nobody is waiting on its channels.
    const err = this.quitting ? new QemuFailure(`${this.name} was shut down`, "") : this.failure(`${this.name} ${this.exited}`);
    this.qtestReader?.fail(err);
    this.qmp?.fail(err);
    this.markGone();
  }

  /**
   * Starts `binary` with `args` through the launcher. QEMU connects to two sockets we already listen
   * on, qtest and QMP, so there is nothing to poll for; its stderr goes to a file in `dir`.
   */
  static async start(binary: string, args: readonly string[], dir: string, label: string): Promise<QemuInstance> {
    const [qtestPath, qmpPath] = [join(dir, `${label}.qtest`), join(dir, `${label}.qmp`)];
    const [qt, qm] = [await listen(qtestPath), await listen(qmpPath)];
    const q = new QemuInstance(label, join(dir, `${label}.err`));
    try {
      const argv = [binary, ...args, "-qtest", `unix:${qtestPath}`, "-qtest-log", "/dev/null", "-qmp", `unix:${qmpPath}`];
      commandLog.lines?.push(`${label} start ${argv.join(" ")}`);
      q.pidNumber = await Launcher.get().launch(argv, { stderr: q.stderrFile, times: q.timesFile }, (e) => q.ended(e));
      trackPid(q.pidNumber);
      let timer: NodeJS.Timeout | undefined;
      const sockets = Promise.all([qt.connection, qm.connection]);
      const why = await Promise.race([
        sockets,
        q.gone.then(() => `${q.exited} while starting`),
        new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`did not connect within ${LIMITS.start} ms`), LIMITS.start))),
      ]);
      clearTimeout(timer);
      if (typeof why === "string") {
        q.kill();
        throw q.failure(`${q.name} ${why}`);
      }
      q.qtestSocket = why[0];
      q.qtestReader = new LineReader(why[0]);
      q.qmp = await Qmp.over(why[1], LIMITS.qmp);
      return q;
    } catch (e) {
      q.kill();
      throw e instanceof QemuFailure ? e : q.failure(`${q.name}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      qt.close();
      qm.close();
    }
  }

  private stderrSeen = 0;

  /** What the process printed on stderr since the last call (the device's own error reports, e.g. a refused drive write). */
  newStderr(): string {
    try {
      const size = statSync(this.stderrFile).size;
      if (size <= this.stderrSeen) return "";
      const text = readFileSync(this.stderrFile).subarray(this.stderrSeen).toString("utf8");
      this.stderrSeen = size;
      return text;
    } catch {
      return "";
    }
  }

  /** An error naming what happened, with QEMU's last stderr lines. */
  failure(what: string): QemuFailure {
    let text = "";
    try {
      text = readFileSync(this.stderrFile, "utf8").slice(-2000);
    } catch {
      // no stderr file yet
    }
    const tail = text.trim().split("\n").slice(-3).join(" | ");
    return new QemuFailure(withoutRunFolder(what), withoutRunFolder(tail));
  }

  /** The error for a broken channel: the process's exit reason when it exits soon after, else the channel error. */
  private async broken(e: Error): Promise<Error> {
    if (e instanceof QemuFailure) return e;
    if (e instanceof HangError) {
      this.kill();
      return this.failure(`${this.name}: ${e.message}`);
    }
    await Promise.race([this.gone, delay(1000)]);
    return this.failure(`${this.name} ${this.exited ?? `closed its channel (${e.message})`}`);
  }

  /** One qtest command; returns the text after "OK". */
  async qtest(line: string): Promise<string> {
    if (this.exited) throw this.failure(`${this.name} ${this.exited}`);
    commandLog.lines?.push(`${this.label} qtest ${line}`);
    this.qtestSocket.write(`${line}\n`);
    for (;;) {
      let reply: string;
      try {
        reply = await this.qtestReader.next(LIMITS.qtest, `qtest "${line}"`);
      } catch (e) {
        throw await this.broken(e as Error);
      }
      // QEMU also prints to stdout (block migration progress, with carriage returns): only OK and FAIL answer.
      const last = reply.slice(reply.lastIndexOf("\r") + 1);
      if (last.startsWith("FAIL")) throw this.failure(`qtest "${line}" answered "${last}"`);
      if (!last.startsWith("OK")) continue;
      return last.slice(2).trim();
    }
  }

  /** One QMP command. */
  async execute(command: string, args: Record<string, unknown> = {}, ms: number = LIMITS.qmp): Promise<unknown> {
    if (this.exited) throw this.failure(`${this.name} ${this.exited}`);
    commandLog.lines?.push(`${this.label} qmp ${JSON.stringify({ execute: command, arguments: args })}`);
    try {
      return await this.qmp.execute(command, args, ms);
    } catch (e) {
      if (e instanceof QmpError) throw this.failure(`${this.name}: ${e.message}`);
      throw await this.broken(e as Error);
    }
  }

  /** QMP migrate; QEMU refusing it (migrate_prepare(), e.g. F12's postmigrate) is a failure "refused migrate" with QEMU's words, as a refused snapshot command is. */
  async migrate(args: Record<string, unknown>): Promise<void> {
    try {
      await this.execute("migrate", args);
    } catch (e) {
      const said = e instanceof QemuFailure ? /: QMP migrate: (.*)$/.exec(e.what)?.[1] : undefined;
      throw said === undefined ? e : new QemuFailure(`${this.name} refused migrate`, `Error: ${said}`);
    }
  }

  /** Waits for a QMP event `match` accepts. */
  async waitEvent(match: (e: QmpEvent) => boolean, ms: number, what: string): Promise<QmpEvent> {
    if (this.exited) throw this.failure(`${this.name} ${this.exited}`);
    try {
      return await this.qmp.waitEvent(match, ms, what);
    } catch (e) {
      throw await this.broken(e as Error);
    }
  }

  /** Forgets the QMP events received so far; a later waitEvent sees only newer ones. */
  dropEvents(): void {
    this.qmp.dropEvents();
  }

  /** True while the process lives. */
  get alive(): boolean {
    return this.exited === null;
  }

  /** Shut QEMU down (as QMP quit does), then SIGKILL if it has not exited in time; always reaped. */
  async quit(): Promise<void> {
    if (!this.alive) return;
    this.quitting = true;
    if (cpuAccount.enabled) cpuAccount.qemuUntilQuit += procCpuSeconds(this.pidNumber);
    // SIGTERM takes QEMU down the same shutdown path as QMP quit (run-state handlers included), without a round trip.
    this.signal("SIGTERM");
    const timer = setTimeout(() => this.kill(), LIMITS.quit);
    // The launcher's report channel does not hold the event loop open (a finished harness must be free to exit), so once
    // the timer above has fired nothing would until the report of the kill arrives: Node then ended a `record` whose
    // QEMU took longer than that to shut down with exit code 13 (unsettled top-level await). This holds it until then.
    const open = setInterval(() => undefined, 1_000);
    await this.gone;
    clearTimeout(timer);
    clearInterval(open);
    this.qmp.close();
    this.qtestSocket.destroy();
  }

  /** Sends `signal` to the process if it is still there. */
  private signal(signal: NodeJS.Signals): void {
    if (!this.alive || this.pidNumber === undefined) return;
    try {
      process.kill(this.pidNumber, signal);
    } catch {
      // already gone
    }
  }

  /** SIGKILL now. */
  kill(): void {
    this.signal("SIGKILL");
  }

  /** The process id (for tests that kill it from outside). */
  get pid(): number | undefined {
    return this.pidNumber;
  }
}
