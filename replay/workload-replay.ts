// Why: a recorded firmware boot replayed on a target must give every recorded read answer and leave the variable store byte for byte as the firmware's real boot left it.

import type { PageView, TargetFactory } from "../engine/target.js";
import { sha256, workloadBoot, type Access, type Workload } from "./workload.js";

/** How a replay went: where the first read differed, and whether the store ended as recorded. */
export interface WorkloadReplay {
  readonly accesses: number;
  readonly writes: number;
  readonly reads: number;
  /** The first read whose answer differs from the recording (1-based index into the accesses). */
  readonly readDiffers?: { readonly index: number; readonly access: Access; readonly got: number | undefined };
  readonly finalSha256: string;
  /** The store ended byte-identical to the recorded boot's. */
  readonly storeSame: boolean;
  /** Every read answered as recorded, and the store ended as recorded. */
  readonly same: boolean;
}

/** The bytes of a page view. */
function bytesOf(v: PageView): Uint8Array {
  const out = new Uint8Array(v.size);
  for (let i = 0; i * 4096 < v.size; i++) out.set(v.page(i).subarray(0, Math.min(4096, v.size - i * 4096)), i * 4096);
  return out;
}

/** Replays `w` on a fresh target of `factory` (the VM boots from the recorded initial store, read-write). */
export async function replayWorkload(w: Workload, factory: TargetFactory): Promise<WorkloadReplay> {
  const t = await factory.create(workloadBoot(w));
  let readDiffers: WorkloadReplay["readDiffers"];
  let reads = 0;
  try {
    for (const [i, a] of w.accesses.entries()) {
      if (a.kind === "write") {
        await t.apply({ kind: "write", offset: a.offset, width: a.width, value: a.value });
        continue;
      }
      reads++;
      const got = (await t.apply({ kind: "read", offset: a.offset, width: a.width })).read;
      if (got !== a.answer && readDiffers === undefined) readDiffers = { index: i + 1, access: a, got };
    }
    const finalSha256 = sha256(bytesOf(await t.drive()));
    const writes = w.accesses.length - reads;
    const storeSame = finalSha256 === w.vars.finalSha256;
    return { accesses: w.accesses.length, writes, reads, ...(readDiffers ? { readDiffers } : {}), finalSha256, storeSame, same: readDiffers === undefined && storeSame };
  } finally {
    await t.close();
  }
}
