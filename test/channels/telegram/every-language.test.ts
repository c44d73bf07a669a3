/**
 * A tour through the webhook that reaches every flow (the check, an application sent, status,
 * talking safely, services, delete, language), in each of the nineteen languages; the fake Bot API
 * checks every call against the spec.
 */
import { describe, expect, it } from 'vitest';
import { qualify } from '../../../src/engine/step.js';
import { Translator } from '../../../src/i18n/translator.js';
import { realContent } from '../../support/app.js';
import { useTestDatabase } from '../../support/db.js';
import type { Call } from '../../support/fake-telegram/index.js';
import { telegramHarness, texts, useFakeTelegram } from './harness.js';

const database = useTestDatabase();
const fake = useFakeTelegram();
const translator = new Translator(realContent());

/** The texts of a flow's questions and messages in a language, as patterns (variables match anything). */
function flowPatterns(language: string): Map<string, RegExp[]> {
  const patterns = new Map<string, RegExp[]>();
  for (const flow of realContent().flows.values()) {
    const list: RegExp[] = [];
    for (const node of Object.values(flow.nodes)) {
      if (!('text' in node) || typeof node.text !== 'string') continue;
      const template = translator.t(language, qualify(flow, node.text));
      const pieces = template.split(/\{\{[^}]*\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      list.push(new RegExp(`^${pieces.join('[\\s\\S]*?')}$`));
    }
    patterns.set(flow.id, list);
  }
  return patterns;
}

/** Letters every message of a language must contain: its own script (Latin ones are not checked). */
const SCRIPT: Record<string, RegExp> = {
  ar: /[\u0600-\u06ff]/, fa: /[\u0600-\u06ff]/, ps: /[\u0600-\u06ff]/, ur: /[\u0600-\u06ff]/, ckb: /[\u0600-\u06ff]/,
  bn: /[\u0980-\u09ff]/, hi: /[\u0900-\u097f]/, ne: /[\u0900-\u097f]/, 'sr-Cyrl': /[\u0400-\u04ff]/,
};
/** Letters no message of a language may contain: Serbian in Latin script is not the Cyrillic text. */
const NOT_SCRIPT: Record<string, RegExp> = { 'sr-Latn': /[\u0400-\u04ff]/ };

/** The English texts of the flows: a Latin-script language must not show them (no fallback to English). */
const english = [...flowPatterns('en').values()].flat();

describe('every flow through Telegram, in every language', () => {
  for (const { tag: language, hints } of realContent().languages) {
    it(`reaches every flow in ${language}`, async () => {
      const h = await telegramHarness(database(), fake());
      const chat = h.person(hints[0] ?? language);
      const sent: Call[] = [];
      const keep = async (exchange: Promise<{ status: number; sent: Call[] }>) => {
        const { status, sent: got } = await exchange;
        expect(status).toBe(200);
        sent.push(...got);
      };
      await keep(chat.text('/start'));
      await keep(chat.press(language.toLowerCase().replace('-', '_')));
      await keep(chat.press('agree'));
      await keep(chat.press('about'));
      for (const command of ['help', 'status', 'mydata', 'counsellor', 'menu']) await keep(chat.text(`/${command}`));
      // The check, to an application that is sent.
      await keep(chat.press('intake'));
      const steps: Array<[kind: 'press' | 'text', value: string]> = [
        ['press', 'migrant'], ['press', 'no'], ['press', 'no'], ['press', 'no'], ['text', '30'], ['press', 'none'], ['press', 'ba'],
        ['text', 'Pakistan'], ['press', 'own'], ['press', 'no'], ['press', 'no'], ['press', 'no'], ['press', 'no'],
        ['press', 'valid_passport'], ['press', 'agree'], ['press', 'no'], ['press', 'no'], ['press', 'no'], ['press', 'apply'],
        ['text', 'Ahmad'], ['text', 'Karimi'], ['press', 'male'], ['press', 'known'], ['text', '31.12.1995'], ['text', 'Bihać'],
        ['press', 'lipa'], ['text', 'Lahore'], ['text', '0'], ['press', 'job'], ['press', 'done'], ['press', 'chat'],
        ['press', 'yes'], ['press', 'no'], ['press', 'send'],
      ];
      for (const [kind, value] of steps) await keep(kind === 'press' ? chat.press(value) : chat.text(value));
      // With the application sent: an appointment (no time is free in a new database), the documents,
      // the travel and the follow-up (none yet).
      await keep(chat.text('/appointment'));
      await keep(chat.text('/documents'));
      await keep(chat.text('/travel'));
      await keep(chat.text('/followup'));
      // Talking safely (the numbers of the country), the services, and a citizen who came back home.
      await keep(chat.text('/menu'));
      // (The country is known from the check: the numbers come at once, then whether this phone may
      // be messaged first.)
      await keep(chat.press('safe'));
      await keep(chat.press('discreet'));
      await keep(chat.press('services'));
      await keep(chat.press('ba'));
      await keep(chat.text('Bijeljina'));
      // This phone: notifications, clearing the chat (kept), the privacy menu.
      await keep(chat.text('/notifications'));
      await keep(chat.press('push'));
      await keep(chat.text('/clear'));
      await keep(chat.press('keep'));
      await keep(chat.press('privacy'));
      await keep(chat.text('/menu'));
      for (const step of ['returnee', 'no', 'ba']) await keep(chat.press(step));
      await keep(chat.text('Bosnia and Herzegovina'));
      for (const step of ['germany_eu', 'documents']) await keep(chat.press(step));
      await keep(chat.text('/delete'));
      await keep(chat.press('keep'));
      await keep(chat.press('language'));
      const shown = texts(sent);
      const missing = [...flowPatterns(language)]
        .filter(([, patterns]) => patterns.length > 0 && !shown.some((text) => patterns.some((p) => p.test(text))))
        .map(([flow]) => flow);
      expect(missing).toEqual([]);
      // Nothing fell back to English: every message is in the language's own script.
      const script = SCRIPT[language];
      if (script) expect(shown.filter((text) => !script.test(text))).toEqual([]);
      const foreign = NOT_SCRIPT[language];
      if (foreign) expect(shown.filter((text) => foreign.test(text))).toEqual([]);
      if (language !== 'en') expect(shown.filter((text) => english.some((p) => p.test(text)))).toEqual([]);
    });
  }
});
