// Why: the variant catalogue as a table, with what each variant breaks measured by replaying the corpus, not written down by hand.

import { VARIANTS, type PostLoad, type VariantName, type WriteBuffer } from "../impl/variants.js";
import type { PropertyId } from "../properties/index.js";
import { portTarget } from "../targets/port.js";
import type { CorpusFile } from "./corpus.js";
import { replayOutcome } from "./replay.js";

/** One row of the catalogue. */
export interface VariantRow {
  readonly name: VariantName;
  readonly qemu: string;
  readonly commits: string;
  readonly incomingLoad: string;
  readonly writeBuffer: string;
  /** Properties some corpus entry still breaks on this variant. */
  readonly breaks: readonly PropertyId[];
  readonly summary: string;
}

const POST_LOAD: Record<PostLoad, string> = {
  none: "none",
  "write-in-post-load": "whole flash written in post_load",
  "write-at-next-runstate": "deferred to the next run-state change",
  "write-at-activation": "written when the drive is activated",
};

const WRITE_BUFFER: Record<WriteBuffer, string> = {
  "straight-to-ram": "straight to RAM",
  "buffered-from-first-word": "buffered from the first word; none for one word",
  buffered: "buffered until 0xd0, window at the count",
  "buffered-at-first-word": "buffered until 0xd0, window at the first word",
};

/** The catalogue, each variant's broken properties found by replaying `corpus`. */
export async function variantTable(corpus: readonly CorpusFile[]): Promise<VariantRow[]> {
  const rows: VariantRow[] = [];
  for (const v of Object.values(VARIANTS)) {
    const factory = portTarget(v.name);
    const breaks = new Set<PropertyId>();
    for (const { file, entry } of corpus) {
      // A row is one era on every host; entries found across versions belong to no row.
      if (entry.peer !== undefined) continue;
      const status = (await replayOutcome(entry, file, factory)).status;
      // A crash breaks its entry's property as surely as a failure does (F7 is one).
      if (status === "failed" || status === "crashed") breaks.add(entry.property);
    }
    rows.push({
      name: v.name,
      qemu: v.qemu,
      commits: v.commits,
      incomingLoad: POST_LOAD[v.postLoad] + (v.restoreRomdOnLoad ? "; I/O mode restored" : "") + (v.activateImages === "at-vm-start" ? "; images active only once the VM runs, or once a migration out of it is cancelled or fails" : ""),
      writeBuffer: WRITE_BUFFER[v.writeBuffer],
      breaks: [...breaks].sort(),
      summary: v.summary,
    });
  }
  return rows;
}
