/**
 * Runs tasks one at a time per chat within this process: a local optimisation that correctness
 * does not depend on. Telegram waits for our answer before it sends a chat's next update, but a
 * re-delivery after a timeout can overlap the first; what keeps that right in any number of
 * processes is the database (the contact's row lock, the dedupe of update ids, and the outbox's
 * order per chat), as test/scale/two-instances.test.ts shows with one chat's updates sent to two
 * processes at once. This queue only keeps the second update from holding a database connection
 * while it waits for the first one's lock, and keeps the button answers of one chat in order.
 */
export interface ChatQueue {
  run<T>(chat: string, task: () => Promise<T>): Promise<T>;
}

export function createChatQueue(): ChatQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(chat, task) {
      const result = (tails.get(chat) ?? Promise.resolve()).then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(chat, tail);
      void tail.then(() => {
        if (tails.get(chat) === tail) tails.delete(chat);
      });
      return result;
    },
  };
}
