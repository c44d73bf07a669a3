import type { OutEvent } from '../engine/types.js';
import type { Translator } from '../i18n/translator.js';
import type { RenderedMessage } from './types.js';
import { NAV_BACK, NAV_MENU } from '../engine/types.js';

type MessageEvent = Extract<OutEvent, { type: 'message' }>;

const SHARE_PHONE_KEY = 'common:share_phone';

/** How a chosen choice of a multiple choice shows on its button, in every channel. */
export const CHOSEN_MARK = '✓ ';

/** Turns an engine message event into text and buttons in one language. */
export function renderMessage(t: Translator, event: MessageEvent, language: string): RenderedMessage {
  const nav = [];
  if (event.nav?.back) nav.push({ id: NAV_BACK, text: t.label(language, 'common:nav_back') });
  if (event.nav?.menu) nav.push({ id: NAV_MENU, text: t.label(language, 'common:nav_menu') });
  return {
    key: event.key,
    html: t.t(language, event.key, event.params),
    language,
    dir: t.dir(language),
    choices: (event.choices ?? []).map((c) => {
      const label = c.key ? t.label(language, c.key) : (c.text ?? c.id);
      return { id: c.id, text: c.selected ? `${CHOSEN_MARK}${label}` : label };
    }),
    columns: event.columns ?? 1,
    nav,
    input: event.input ?? null,
    question: event.question ?? null,
    ...(event.input === 'phone' ? { sharePhone: t.label(language, SHARE_PHONE_KEY) } : {}),
  };
}
