// Why: readonly=on is a promise to the host: the device must never write to that file.

import type { Property } from "../engine/property.js";
import { offsetHex } from "../report/format.js";

/** P3: a read-only drive is never written. */
export const P3: Property = {
  id: "P3",
  title: "read-only drive never written",
  meaning: "The device never writes, nor tries to write, a drive opened with readonly=on.",
  headline: "the device writes to a read-only drive",
  broken: "The device wrote, or tried to write, to a drive opened with readonly=on.",
  advisory: false,
  needs: ["read-only-drive-writes"],
  exercisedBy: "a step on a drive opened with readonly=on",
  perStorageMode: false,
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        const bad = ctx.result.writes?.find((w) => w.refused === "no-write-permission");
        if (bad && bad.offset !== null) return { message: `the device tried to write ${bad.length} bytes at ${offsetHex(bad.offset)} to read-only ${bad.file} (the block layer refused it)` };
        if (bad) return { message: `the device tried to write to read-only ${bad.file} (the target said "${bad.reported ?? "a write was refused"}")` };
        return ctx.result.writes !== undefined && (ctx.before.vm.readOnly || ctx.after.vm.readOnly) ? "checked" : "skipped";
      },
    }),
  },
};
