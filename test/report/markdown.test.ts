// Why: the markdown of every corpus entry is a bug report a QEMU maintainer can take as it is; snapshots make any change to one visible in review.

import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCorpusEntry } from "../../replay/corpus.js";
import { replayEntryAudit } from "../../replay/replay.js";
import { renderMarkdown } from "../../report/markdown.js";
import { buildReport } from "../../report/model.js";
import { openTarget } from "../../targets/open.js";
import { elideRuntime } from "../reproducer/elide.js";

const FILES = readdirSync("corpus").filter((n) => n.endsWith(".json")).sort();

/** The markdown of `name` replayed where it was found, with the reproducer's runtime (the same in every script, snapshotted in test/reproducer) left out. */
async function markdownOf(name: string): Promise<string> {
  const file = `corpus/${name}`;
  const entry = parseCorpusEntry(readFileSync(file, "utf8"), file);
  const md = renderMarkdown(buildReport(await replayEntryAudit(entry, file, await openTarget(entry.foundOn, entry.peer)), "0.1.0"));
  return elideRuntime(md);
}

describe("the markdown report of each corpus entry", () => {
  it.each(FILES)("%s", async (name) => {
    await expect(await markdownOf(name)).toMatchFileSnapshot(`__snapshots__/markdown/${name.replace(/\.json$/, ".md")}`);
  });

  it("titles the device, the implementation and the headline; a port is a model of QEMU, never QEMU", async () => {
    const md = await markdownOf("qemu-7.2.22-P5-paused-destination-cold-boot-loses-write.json");
    expect(md).toContain("### pflash_cfi01 on a model of QEMU 7.2.22: a cold boot loses what the guest saw (P5)");
    expect(md).not.toMatch(/on QEMU 7\.2\.22:/);
  });

  it("labels P6's columns as the two runs it compares, not as the model", async () => {
    const md = await markdownOf("qemu-7.2.22-P6-status-read-changes-across-migration.json");
    expect(md).toContain("| # | step | command | flash offset | guest-physical | without the migrations | with the migrations |");
    expect(md).not.toContain("| model expects |");
  });

  it("names each written byte's command and gives the guest-physical address beside the flash offset", async () => {
    const md = await markdownOf("qemu-10.0-P2-one-word-buffered-program-fails.json");
    expect(md).toMatch(/\| `write\.b 0x0\w{5} <- 0xe8` \| WRITE TO BUFFER \| `0x0\w{5}` \| `0xfff\w{5}` \|/);
    expect(md).toContain("CONFIRM (write to buffer)");
  });

  it("says why an entry has no standalone reproducer", async () => {
    expect(await markdownOf("qemu-2.2-P4-post-load-writes-inactive-image.json")).toContain("No standalone reproducer: P4 needs what a QEMU binary does not show from outside (inactive-image-writes).");
  });
});
