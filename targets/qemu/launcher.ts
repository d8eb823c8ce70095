// Why: QEMU processes are started by one long-lived /bin/sh: forking a small shell costs a tenth of forking this (large) Node process.

import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";
import { procCpuSeconds } from "./cpu-time.js";
import { trackGroup } from "./reaper.js";

/** How a launched process ended: its exit status, or the signal that killed it. */
export type Ending = { readonly code: number } | { readonly signal: NodeJS.Signals | string };

const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

let shared: Launcher | null = null;
const folders: string[] = [];

/** One /bin/sh that starts programs in the background and reports their pid and how they ended. */
export class Launcher {
  private readonly sh: ChildProcess;
  private readonly started = new Map<number, (pid: number) => void>();
  private readonly ended = new Map<number, (e: Ending) => void>();
  private next = 0;

  private constructor() {
    // Its own process group: if this harness is killed outright (SIGKILL, out of memory), the shell reads
    // the end of its input, and its exit trap takes the whole group (every QEMU) and the run's folders with it.
    this.sh = spawn("/bin/sh", [], { stdio: ["pipe", "pipe", "ignore"], detached: true });
    trackGroup(this.sh);
    this.trap();
    // The launcher must not keep a finished harness alive.
    this.sh.unref();
    for (const s of [this.sh.stdin, this.sh.stdout] as unknown as { unref?: () => void }[]) s.unref?.();
    let buffer = "";
    this.sh.stdout!.setEncoding("utf8");
    this.sh.stdout!.on("data", (chunk: string) => {
      buffer += chunk;
      let at: number;
      while ((at = buffer.indexOf("\n")) >= 0) {
        this.line(buffer.slice(0, at));
        buffer = buffer.slice(at + 1);
      }
    });
  }

  /**
   * Tells the shell what its exit trap kills and removes. The trap hands over to a process in a session
   * of its own, which kills the whole group first and removes the folders after: removing first lost a
   * race to a wrapper that wrote its `times` file into a folder being removed, and left the folder behind.
   * Without util-linux's setsid it falls back to removing, then killing.
   */
  private trap(): void {
    const args = folders.map((_, i) => ` "$d${i}"`).join("");
    const vars = folders.map((f, i) => `d${i}=${quote(f)}; `).join("");
    const sweep = `kill -s KILL -- -$0 2>/dev/null; rm -rf "$@" 2>/dev/null || { sleep 0.2; rm -rf "$@"; }`;
    this.sh.stdin!.write(`${vars}pflash_audit_exit() { if command -v setsid >/dev/null; then exec setsid sh -c '${sweep}' "$$"${args}; fi; rm -rf${args}; kill -KILL 0; }; trap pflash_audit_exit EXIT\n`);
  }

  /** `dir` goes too if this harness dies without cleaning up. */
  static removeOnExit(dir: string): void {
    folders.push(dir);
    shared?.trap();
  }

  /** The launcher of this harness process. */
  static get(): Launcher {
    if (!shared || shared.sh.exitCode !== null || shared.sh.signalCode !== null) shared = new Launcher();
    return shared;
  }

  /** "pid ID PID" when a program started, "exit ID STATUS" when it ended (STATUS > 128: killed by signal STATUS - 128). */
  private line(line: string): void {
    const [kind, id, value] = line.split(" ");
    const n = Number(id);
    if (kind === "pid") {
      this.started.get(n)?.(Number(value));
      this.started.delete(n);
    } else if (kind === "exit") {
      const status = Number(value);
      const name = Object.entries(constants.signals).find(([, v]) => v === status - 128)?.[0];
      this.ended.get(n)?.(status > 128 ? { signal: name ?? `signal ${status - 128}` } : { code: status });
      this.ended.delete(n);
    }
  }

  /** The shell's process id. */
  get pid(): number | undefined {
    return this.sh.pid;
  }

  /** CPU seconds the shell itself has used (its wrappers report their own through `times`). */
  ownCpuSeconds(): number {
    return procCpuSeconds(this.sh.pid);
  }

  /**
   * Starts `argv` with stdin, stdout from /dev/null and stderr into `files.stderr`; resolves with its
   * pid. When it has ended, its wrapper leaves the shell's `times` in `files.times` (see cpu-time.ts).
   */
  launch(argv: readonly string[], files: { readonly stderr: string; readonly times: string }, onEnd: (e: Ending) => void): Promise<number> {
    const id = this.next++;
    this.ended.set(id, onEnd);
    const pid = new Promise<number>((resolve) => this.started.set(id, resolve));
    const cmd = argv.map(quote).join(" ");
    // `jobs` first: it makes the shell reap the wrappers of programs that have ended (they stay zombies until it does).
    const [err, times] = [quote(files.stderr), quote(files.times)];
    this.sh.stdin!.write(`jobs >/dev/null; ( ${cmd} </dev/null >/dev/null 2>${err} & p=$!; echo "pid ${id} $p"; wait $p; s=$?; times >${times}; echo "exit ${id} $s" ) &\n`);
    return pid;
  }
}
