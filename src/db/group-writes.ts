/**
 * Group commit for a statement many callers make at once: the first call runs at once, and calls
 * arriving while it runs are sent together as the next one. Under load a statement per caller
 * becomes a statement per round; alone, a caller waits for nobody.
 */

/** Each caller's item goes out in the next batch; `run` answers every item of a batch, in order. */
export function groupCalls<T, R>(run: (batch: T[]) => Promise<R[]>): (item: T) => Promise<R> {
  let next: { items: T[]; waiting: Array<{ resolve: (result: R) => void; reject: (error: unknown) => void }> } | null = null;
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (next) {
      const batch = next;
      next = null;
      try {
        const results = await run(batch.items);
        if (results.length !== batch.items.length) throw new Error(`groupCalls: ${results.length} answers for ${batch.items.length} calls`);
        batch.waiting.forEach((w, i) => w.resolve(results[i] as R));
      } catch (error) {
        for (const w of batch.waiting) w.reject(error);
      }
    }
    running = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      next ??= { items: [], waiting: [] };
      next.items.push(item);
      next.waiting.push({ resolve, reject });
      if (!running) void drain();
    });
}

/** groupCalls for a write that answers nothing: each caller's items are written in the next batch. */
export function groupWrites<T>(write: (batch: T[]) => Promise<void>): (items: readonly T[]) => Promise<void> {
  const call = groupCalls<readonly T[], undefined>(async (lists) => {
    await write(lists.flat());
    return lists.map(() => undefined);
  });
  return (items) => call(items);
}
