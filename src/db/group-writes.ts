/**
 * Group commit for a write many callers make at once: the first call runs at once, and calls
 * arriving while it runs are sent together as the next one. Under load a statement per caller
 * becomes a statement per round; alone, a caller waits for nobody.
 */
export function groupWrites<T>(write: (batch: T[]) => Promise<void>): (items: readonly T[]) => Promise<void> {
  let next: { items: T[]; waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> } | null = null;
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (next) {
      const batch = next;
      next = null;
      try {
        await write(batch.items);
        for (const w of batch.waiting) w.resolve();
      } catch (error) {
        for (const w of batch.waiting) w.reject(error);
      }
    }
    running = false;
  }

  return (items) =>
    new Promise<void>((resolve, reject) => {
      next ??= { items: [], waiting: [] };
      next.items.push(...items);
      next.waiting.push({ resolve, reject });
      if (!running) void drain();
    });
}
