// Why: readonly=on is a promise to the host: the device must never write to that file.

import type { Property } from "../engine/property.js";
import { hex } from "../report/format.js";

/** P3: a read-only drive is never written. */
export const P3: Property = {
  id: "P3",
  title: "read-only drive never written",
  meaning: "No write ever reaches a drive opened with readonly=on.",
  broken: "The device wrote to a drive opened with readonly=on.",
  advisory: false,
  needs: ["read-only-drive-writes"],
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        const bad = ctx.result.writes?.find((w) => w.refused === "no-write-permission");
        return bad ? { message: `the device wrote ${bad.length} bytes at ${hex(bad.offset)} to read-only ${bad.file}` } : null;
      },
    }),
  },
};
