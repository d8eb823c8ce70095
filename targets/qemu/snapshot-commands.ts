// Why: a snapshot step on a real QEMU: the HMP command through QMP, or the snapshot job waited for until it concludes; a refusal is one line naming the step.

import { snapshotText, type Snapshot } from "../../model/index.js";
import { QemuFailure, type QemuInstance } from "./instance.js";

/** The QMP job for each snapshot step (QEMU 6.0 and later). */
const JOBS: Readonly<Record<Snapshot["kind"], string>> = { savevm: "snapshot-save", loadvm: "snapshot-load", delvm: "snapshot-delete" };

/** The longest a snapshot may take (a 64 MiB flash and 32 MiB of RAM go in well under a second). */
const SNAPSHOT_MS = 30_000;

/** The node name QEMU gave the drive under test (-drive if=pflash,unit=1 is device "pflash1"). */
async function flashNode(q: QemuInstance): Promise<string> {
  const devices = (await q.execute("query-block")) as { device: string; inserted?: { "node-name": string } }[];
  const node = devices.find((d) => d.device === "pflash1")?.inserted?.["node-name"];
  if (node === undefined) throw new Error(`${q.name}: query-block lists no drive pflash1`);
  return node;
}

/** QEMU's refusal of `op`, the same words as the port's (targets/port.ts). */
const refused = (q: QemuInstance, op: Snapshot, said: string): QemuFailure => new QemuFailure(`${q.name} refused ${snapshotText(op)}`, said);

/**
 * Runs `op` on `q`. HMP `savevm`/`loadvm`/`delvm` print nothing when they succeed and "Error: ..."
 * when they refuse; a job concludes with an `error` field instead. The job is given the flash
 * drive's node for both its VM state and its devices: the read-only firmware is no device a
 * snapshot can include (QEMU needs every writable drive of a snapshot to be able to hold one).
 */
export async function runSnapshotStep(q: QemuInstance, op: Snapshot): Promise<void> {
  await (op.via === "hmp" ? hmp(q, op) : job(q, op));
  // savevm and loadvm run the migration code, which announces its states as MIGRATION events (setup, completed):
  // left behind, a later migration's wait would take them for its own.
  q.dropEvents();
}

async function hmp(q: QemuInstance, op: Snapshot): Promise<void> {
  const said = String(await q.execute("human-monitor-command", { "command-line": `${op.kind} ${op.name}` }, SNAPSHOT_MS)).trim();
  const error = /^Error.*$/m.exec(said)?.[0];
  if (error !== undefined) throw refused(q, op, error);
}

async function job(q: QemuInstance, op: Snapshot): Promise<void> {
  const node = await flashNode(q);
  const id = `${op.kind}-${op.name}`;
  const args = op.kind === "delvm" ? { tag: op.name, devices: [node] } : { tag: op.name, vmstate: node, devices: [node] };
  await q.execute(JOBS[op.kind], { "job-id": id, ...args });
  await q.waitEvent((e) => e.event === "JOB_STATUS_CHANGE" && e.data?.id === id && e.data?.status === "concluded", SNAPSHOT_MS, `the ${JOBS[op.kind]} job`);
  const jobs = (await q.execute("query-jobs")) as { id: string; error?: string }[];
  const error = jobs.find((j) => j.id === id)?.error;
  await q.execute("job-dismiss", { id });
  if (error !== undefined) throw refused(q, op, `Error: ${error}`);
}
