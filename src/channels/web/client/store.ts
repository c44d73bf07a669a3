/**
 * What the page remembers between loads: the conversation's token and the last bot message (so the
 * buttons of an open question survive a reload). Browser storage may be off (private mode, blocked
 * cookies): then it lives in memory for as long as the page does.
 */

export const TOKEN_KEY = 'webchat.token';
export const LAST_KEY = 'webchat.last';

export interface Store {
  load(key: string): string | null;
  save(key: string, value: string): void;
  forget(key: string): void;
}

export function createStore(storage: () => Storage): Store {
  const memory = new Map<string, string>();
  return {
    load(key) {
      try {
        return storage().getItem(key);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    save(key, value) {
      memory.set(key, value);
      try {
        storage().setItem(key, value);
      } catch {
        // Private mode or storage turned off: memory only.
      }
    },
    forget(key) {
      memory.delete(key);
      try {
        storage().removeItem(key);
      } catch {
        // Nothing was stored.
      }
    },
  };
}
