// Why: management reads the VM's state back (QMP query-status, which host it runs on, readonly=on): after every step the target must report what the model says.

import type { Property } from "../engine/property.js";
import { queryStatus } from "../model/index.js";

/**
 * P7: after every step, the target's host, run state (QMP query-status's name), readonly flag, whether the process came in by
 * migration, and whether it owns its drive's image (activated it) agree with the model.
 */
export const P7: Property = {
  id: "P7",
  title: "host state matches the model",
  meaning: "After every step, the target's host, run state (by QEMU's name), readonly flag, incoming-migration flag and drive ownership are the model's.",
  headline: "QEMU reports a VM state other than the one it is in",
  broken: "The VM's state as the target reports it (host, run state by its QMP name: running, paused, prelaunch, finish-migrate; readonly, migrated in, owning its drive) differs from the model's.",
  advisory: false,
  needs: ["host-state"],
  exercisedBy: "any step",
  perStorageMode: false,
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        const s = await ctx.target.state();
        const vm = ctx.after.vm;
        // The run state by QEMU's name: at the pre-switchover pause finish-migrate, whatever management asked (model/world.ts).
        const want = { host: vm.host, status: queryStatus(ctx.after), readOnly: vm.readOnly, loaded: vm.arrived, driveActive: vm.owns };
        for (const [field, expected] of (Object.keys(want) as (keyof typeof want)[]).map((f) => [f, want[f]] as const)) {
          if (s[field] !== expected) return { message: `the target says ${field} is ${String(s[field])}, the model says ${String(expected)}` };
        }
        return "checked";
      },
    }),
  },
};
