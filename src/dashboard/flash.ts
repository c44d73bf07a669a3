/** One-line confirmations and errors after a form: `?done=<key>` or `?error=<key>`, known keys only. */
import type { Core } from './core.js';
import type { Flash } from './views/layout.js';

export function flashOf(core: Core, query: Record<string, string>): Flash | null {
  const { t } = core;
  for (const kind of ['error', 'done'] as const) {
    const key = query[kind];
    if (key && /^[a-z_]{1,40}$/.test(key) && t.has(`flash.${kind}.${key}`)) return { kind, text: t(`flash.${kind}.${key}`) };
  }
  return null;
}
