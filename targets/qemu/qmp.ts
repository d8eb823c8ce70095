// Why: the QMP client: one command at a time over the unix socket, events kept for whoever waits for them, every wait bounded.

import type { Socket } from "node:net";
import { LineReader } from "./lines.js";

/** QMP answered with an error. */
export class QmpError extends Error {
  override readonly name = "QmpError";
}

/** A connected QMP session in command mode. */
/** An asynchronous QMP event. */
export interface QmpEvent {
  readonly event: string;
  readonly data?: Record<string, unknown>;
}

export class Qmp {
  private readonly events: QmpEvent[] = [];

  private constructor(
    private readonly socket: Socket,
    private readonly reader: LineReader,
  ) {}

  /** Over a connected `socket`: reads the greeting and negotiates capabilities. */
  static async over(socket: Socket, ms: number): Promise<Qmp> {
    const q = new Qmp(socket, new LineReader(socket));
    await q.reader.next(ms, "the QMP greeting");
    await q.execute("qmp_capabilities", {}, ms);
    return q;
  }

  /** Runs `command` and returns its "return" value. */
  async execute(command: string, args: Record<string, unknown>, ms: number): Promise<unknown> {
    this.socket.write(`${JSON.stringify({ execute: command, arguments: args })}\n`);
    for (;;) {
      const msg = JSON.parse(await this.reader.next(ms, `QMP ${command}`)) as { return?: unknown; error?: { desc: string }; event?: string; data?: Record<string, unknown> };
      if (msg.event !== undefined) {
        this.events.push({ event: msg.event, ...(msg.data ? { data: msg.data } : {}) });
        continue;
      }
      if (msg.error) throw new QmpError(`QMP ${command}: ${msg.error.desc}`);
      return msg.return;
    }
  }

  /** The first event (already received or still to come) that `match` accepts; earlier events are dropped. */
  async waitEvent(match: (e: QmpEvent) => boolean, ms: number, what: string): Promise<QmpEvent> {
    for (;;) {
      const e = this.events.shift() ?? (JSON.parse(await this.reader.next(ms, what)) as QmpEvent);
      if (e.event !== undefined && match(e)) return e;
    }
  }

  /** Forgets the events received so far (a command that ran a migration of its own, as savevm does, leaves its MIGRATION events behind). */
  dropEvents(): void {
    this.events.length = 0;
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
