// Why: a check of the port never waits for I/O, so without a pause now and then the event loop would not see Ctrl-C or a timer until the check ends.

let calls = 0;

/** Every 32nd call, lets the event loop run (signals, progress timers); otherwise returns at once. */
export async function yieldNow(): Promise<void> {
  if (++calls % 32 !== 0) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
}
