// Why: a process's run state and the handlers told when it changes, named apart from the process so the device can hold one.

/** The run states the harness can observe (QMP query-status names). */
export type RunState = "running" | "paused" | "prelaunch" | "inmigrate" | "finish-migrate" | "postmigrate" | "shutdown" | "save-vm" | "restore-vm";

/** A VM change-state handler (QEMU's VMChangeStateEntry), called with whether the VM is now running. */
export type VmChangeStateHandler = (running: boolean) => void;
