/**
 * What the page remembers between loads: the conversation's token and the last bot message (so the
 * buttons of an open question survive a reload).
 *
 * Kept in sessionStorage, not localStorage: it lasts while the tab does (reloads, a language
 * change) but is not handed to the next person who opens the site on a shared phone or an
 * internet café's browser. The price: a person who closes the tab cannot come back to the
 * conversation from this device; the page says so (privacy_note). Storage may be off (private
 * mode, blocked cookies): then it lives in memory for as long as the page does.
 */

export const TOKEN_KEY = 'webchat.token';
export const LAST_KEY = 'webchat.last';
const KEYS = [TOKEN_KEY, LAST_KEY];

export interface Store {
  load(key: string): string | null;
  save(key: string, value: string): void;
  forget(key: string): void;
  /** Forgets everything, everywhere, and saves nothing from now on ("Clear and leave"). */
  seal(): void;
}

export interface StorageAreas {
  session: () => Storage;
  /** Where earlier versions of the page kept the token; only ever cleared. */
  local: () => Storage;
}

const attempt = (action: () => void): void => {
  try {
    action();
  } catch {
    // Storage turned off or full: memory is all there is.
  }
};

export function createStore(areas: StorageAreas): Store {
  const memory = new Map<string, string>();
  let sealed = false;
  // A token an earlier page left in localStorage would outlive the tab: it goes at once.
  for (const key of KEYS) attempt(() => areas.local().removeItem(key));
  const forget = (key: string): void => {
    memory.delete(key);
    attempt(() => areas.session().removeItem(key));
    attempt(() => areas.local().removeItem(key));
  };
  return {
    load(key) {
      try {
        return areas.session().getItem(key);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    save(key, value) {
      // After "Clear and leave", a reply still on its way must not write the conversation back.
      if (sealed) return;
      memory.set(key, value);
      attempt(() => areas.session().setItem(key, value));
    },
    forget,
    seal() {
      sealed = true;
      for (const key of KEYS) forget(key);
    },
  };
}
