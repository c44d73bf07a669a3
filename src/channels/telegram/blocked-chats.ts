/**
 * Chats whose person blocked the bot, as this process learned it (a 403, or `my_chat_member`
 * kicked): their queued messages are dropped without a call. Anything the person does again
 * (they can only write after unblocking) takes the chat off the list. The contact's `reachable`
 * flag is the durable record; this only saves calls that would fail.
 */
export interface BlockedChats {
  has(chatId: number): boolean;
  add(chatId: number): void;
  delete(chatId: number): void;
}

export function createBlockedChats(limit = 10_000): BlockedChats {
  const chats = new Set<number>();
  return {
    has: (chatId) => chats.has(chatId),
    add(chatId) {
      chats.add(chatId);
      if (chats.size > limit) chats.delete(chats.values().next().value ?? chatId);
    },
    delete: (chatId) => void chats.delete(chatId),
  };
}
