/**
 * Runs tasks one at a time per chat within this process. Telegram waits for our answer before it
 * sends the next update of a chat, but a re-delivery after a timeout or the polling loop can still
 * overlap with the first; the database lock per contact covers other processes.
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
