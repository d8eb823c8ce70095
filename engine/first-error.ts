// Why: a harness error (not a verdict) thrown inside a fast-check property would be shrunk like a failure, each shrink paying its cost (a QEMU timeout) again: the first one ends the run instead.

/** Remembers the first error a wrapped call throws; every later call throws it again at once, and `rethrow` raises it after fast-check returns. */
export class FirstError {
  private first: { readonly error: unknown } | null = null;

  /** Runs `body`, unless an earlier call failed: then that error again, without running it. */
  async run<T>(body: () => Promise<T>): Promise<T> {
    if (this.first) throw this.first.error;
    try {
      return await body();
    } catch (error) {
      this.first = { error };
      throw error;
    }
  }

  /** Throws the first error, if there was one. */
  rethrow(): void {
    if (this.first) throw this.first.error;
  }
}
