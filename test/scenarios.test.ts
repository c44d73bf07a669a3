/**
 * Runs every conversation in test/scenarios/ on each driver: the conversation service itself, the
 * web chat API and the Telegram webhook (with the fake Bot API). `UPDATE_SCENARIOS=1 npm test --
 * scenarios` rewrites the expectations.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from './support/db.js';
import { testApp, type TestApp } from './support/app.js';
import { SET_LANGUAGE_COMMAND, type RenderedMessage } from '../src/conversation/index.js';
import type { Inbound } from '../src/engine/types.js';
import { commands as webCommands } from '../src/channels/web/request.js';
import { loadScenarios, matches, play, rewrite, updating, type BotMessage, type Driver, type UserAction } from './support/scenarios.js';
import { buttonsOf, FakeTelegram, FakeUser, TelegramChat } from './support/fake-telegram/index.js';

const database = useTestDatabase();

function toBot(m: RenderedMessage): BotMessage {
  return { key: m.key, text: m.html, buttons: [...m.choices, ...m.nav] };
}

function toInbound(action: UserAction): Inbound {
  switch (action.kind) {
    case 'text':
      return { kind: 'text', text: action.text };
    case 'command':
      return { kind: 'command', command: action.command };
    case 'press':
      return { kind: 'choice', id: action.id };
    case 'language':
      return { kind: 'command', command: SET_LANGUAGE_COMMAND + action.language };
  }
}

function serviceDriver(app: TestApp, language: string): Driver {
  const user = { channel: 'web' as const, channelUserId: `svc-${randomUUID()}` };
  return {
    async send(action) {
      const result = await app.service.handle({
        ...user,
        updateId: randomUUID(),
        inbound: toInbound(action),
        ...(action.kind === 'text' ? { text: action.text } : {}),
        languageHint: language,
        receivedAt: new Date(),
      });
      return result.messages.map(toBot);
    },
  };
}

function webDriver(app: TestApp, language: string): Driver {
  const token = randomUUID().replace(/-/g, '');
  return {
    async send(action) {
      const body: Record<string, unknown> = { token, id: randomUUID() };
      if (action.kind === 'text') body['text'] = action.text;
      else if (action.kind === 'command') {
        // The page sends known commands as such; anything else is what the person typed.
        if (webCommands.includes(action.command as never)) body['command'] = action.command;
        else body['text'] = `/${action.command}`;
      }
      else if (action.kind === 'press') body['choice'] = action.id;
      else body['language'] = action.language;
      // The page's language travels as ?lang=, as the browser script sends it.
      const res = await app.app.request(`/api/chat/messages?lang=${language}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      const json = (await res.json()) as { messages: RenderedMessage[] };
      return json.messages.map(toBot);
    },
  };
}

// ---- Telegram: every turn through the webhook; the replies are what the fake Bot API received.
let fake: FakeTelegram | undefined;
const TELEGRAM_SECRET = 'scenario-secret';
beforeAll(async () => {
  fake = await FakeTelegram.start();
});
afterAll(async () => {
  await fake?.close();
  // Every call the app made in these scenarios was a valid Bot API call.
  expect(fake?.violations ?? []).toEqual([]);
});
const telegramEnv = (): Record<string, string> => ({
  TELEGRAM_BOT_TOKEN: fake?.token ?? '',
  TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
  TELEGRAM_API_ROOT: fake?.apiRoot ?? '',
});

function telegramDriver(app: TestApp, language: string): Driver {
  if (!fake) throw new Error('the fake Bot API starts in beforeAll');
  const bot = fake;
  const user = new FakeUser(bot, language);
  const chat = new TelegramChat(app.app, bot, user, TELEGRAM_SECRET);
  return {
    async send(action) {
      const update =
        action.kind === 'text'
          ? user.text(action.text)
          : action.kind === 'command'
            ? user.text(`/${action.command}`)
            : action.kind === 'language'
              ? user.text(`/language ${action.language}`)
              : user.press(chat.messageWith(action.id), action.id);
      const exchange = await chat.post(update);
      expect(exchange.status).toBe(200);
      if (action.kind === 'press') {
        // Every press is answered, and the question then shows the answer instead of its buttons.
        const query = update.callback_query;
        expect(exchange.calls.filter((c) => c.method === 'answerCallbackQuery' && c.params['callback_query_id'] === query?.id)).toHaveLength(1);
        const pressed = query?.message && bot.message(user.id, query.message.message_id);
        expect(pressed && buttonsOf(pressed)).toEqual([]);
      }
      return exchange.sent.map((call) => ({
        text: String(call.params['text']),
        buttons: buttonsOf(call.params).map((b) => ({ id: b.data, text: b.text })),
      }));
    },
  };
}

const drivers: Array<[string, (app: TestApp, language: string) => Driver, () => Record<string, string>]> = [
  ['conversation service', serviceDriver, () => ({})],
  ['web chat API', webDriver, () => ({})],
  ['Telegram webhook', telegramDriver, telegramEnv],
];

for (const scenario of loadScenarios()) {
  describe(`scenario ${scenario.file.split('/').pop()}`, () => {
    for (const [name, make, env] of drivers) {
      it(`${scenario.description} (${name})`, async () => {
        const app = await testApp(database(), env());
        const results = await play(scenario, make(app, scenario.language));
        if (updating && name === drivers[0]?.[0]) return rewrite(scenario, results);
        for (const r of results) {
          const context = `after "${r.user}"`;
          expect(r.got.length, `${context}: number of replies`).toBe(r.want.length);
          r.want.forEach((want, i) => {
            const got = r.got[i];
            expect(got && matches(want, got), `${context}, reply ${i + 1}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`).toBe(true);
          });
        }
      });
    }
  });
}
