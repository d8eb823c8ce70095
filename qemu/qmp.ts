// Why: the QMP client: one command at a time over the unix socket, events skipped, every wait bounded.

import { createConnection, type Socket } from "node:net";
import { LineReader } from "./lines.js";

/** QMP answered with an error. */
export class QmpError extends Error {
  override readonly name = "QmpError";
}

/** A connected QMP session in command mode. */
export class Qmp {
  private constructor(
    private readonly socket: Socket,
    private readonly reader: LineReader,
  ) {}

  /** Connects to `path`, reads the greeting and negotiates capabilities. */
  static async connect(path: string, ms: number): Promise<Qmp> {
    const socket = createConnection(path);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const q = new Qmp(socket, new LineReader(socket));
    await q.reader.next(ms, "the QMP greeting");
    await q.execute("qmp_capabilities", {}, ms);
    return q;
  }

  /** Runs `command` and returns its "return" value. */
  async execute(command: string, args: Record<string, unknown>, ms: number): Promise<unknown> {
    this.socket.write(`${JSON.stringify({ execute: command, arguments: args })}\n`);
    for (;;) {
      const msg = JSON.parse(await this.reader.next(ms, `QMP ${command}`)) as { return?: unknown; error?: { desc: string }; event?: string };
      if (msg.event !== undefined) continue;
      if (msg.error) throw new QmpError(`QMP ${command}: ${msg.error.desc}`);
      return msg.return;
    }
  }

  /** Fails every wait (the process died). */
  fail(e: Error): void {
    this.reader.fail(e);
  }

  /** Closes the socket. */
  close(): void {
    this.socket.destroy();
  }
}
