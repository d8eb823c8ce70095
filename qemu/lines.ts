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
  private waiter: { resolve: (l: string) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private closed: Error | null = null;

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
    clearTimeout(w.timer);
    w.reject(this.closed);
  }

  private flush(): void {
    const w = this.waiter;
    const line = this.lines[0];
    if (!w || line === undefined) return;
    this.lines.shift();
    this.waiter = null;
    clearTimeout(w.timer);
    w.resolve(line);
  }

  /** The next line, or a HangError after `ms` milliseconds. */
  next(ms: number, what: string): Promise<string> {
    if (this.lines.length === 0 && this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new HangError(`no answer to ${what} within ${ms} ms`));
      }, ms);
      this.waiter = { resolve, reject, timer };
      this.flush();
    });
  }
}
