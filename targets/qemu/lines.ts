// Why: a line-oriented reader over a stream with bounded waits, shared by the qtest and QMP clients.

import type { Readable } from "node:stream";

/** A wait that ran out of time: the emulator stopped answering. */
export class HangError extends Error {
  override readonly name = "HangError";
}

/** Splits a stream into lines and hands them to waiters, in order. */
export class LineReader {
  private buffer = "";
  private readonly lines: string[] = [];
  private waiter: { resolve: (l: string) => void; reject: (e: Error) => void; deadline: number; what: string; ms: number } | null = null;
  private closed: Error | null = null;
  /**
   * One watchdog per reader instead of a timer per wait: a qtest exchange takes tens of microseconds,
   * and arming and clearing a timer for each was a fifth of the harness's share of it.
   */
  private watchdog: NodeJS.Timeout | null = null;
  private watchdogAt = 0;

  constructor(stream: Readable) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      // Long answers (a whole flash in base64) arrive in many chunks: look for the end of line in the new chunk only.
      let at = chunk.indexOf("\n");
      if (at < 0) {
        this.buffer += chunk;
        return;
      }
      let rest = chunk;
      while (at >= 0) {
        this.lines.push((this.buffer + rest.slice(0, at)).replace(/\r$/, ""));
        this.buffer = "";
        rest = rest.slice(at + 1);
        at = rest.indexOf("\n");
      }
      this.buffer = rest;
      this.flush();
    });
    stream.on("close", () => this.fail(new Error("the stream closed")));
    stream.on("error", (e) => this.fail(e));
  }

  /** Rejects the current and every later wait with `e`. */
  fail(e: Error): void {
    this.closed ??= e;
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    w.reject(this.closed);
  }

  /** Fires at the earliest deadline the current wait can have: rejects it if its time is up, else waits for the rest. */
  private watch(ms: number): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdogAt = performance.now() + ms;
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      const w = this.waiter;
      if (!w) return;
      const left = w.deadline - performance.now();
      if (left > 0) return this.watch(left);
      this.waiter = null;
      w.reject(new HangError(`no answer to ${w.what} within ${w.ms} ms`));
    }, Math.ceil(ms));
    // Only the wait itself may keep the process alive (the socket does); a finished harness must not wait for its watchdog.
    this.watchdog.unref();
  }

  private flush(): void {
    const w = this.waiter;
    const line = this.lines[0];
    if (!w || line === undefined) return;
    this.lines.shift();
    this.waiter = null;
    w.resolve(line);
  }

  /** The next line, or a HangError after `ms` milliseconds. */
  next(ms: number, what: string): Promise<string> {
    if (this.lines.length === 0 && this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject, deadline: performance.now() + ms, what, ms };
      this.flush();
      if (this.waiter && (!this.watchdog || this.waiter.deadline < this.watchdogAt)) this.watch(ms);
    });
  }
}
