import { Hono } from 'hono';
import { registerErrors } from '../../../src/http/errors.js';
import { silentLogger } from '../../../src/log.js';
import { readFileSync } from 'node:fs';
import type { ConversationService, HandleResult, InboundEnvelope, RenderedMessage } from '../../../src/conversation/types.js';
import type { ContactKey } from '../../../src/conversation/ports.js';
import type { Language } from '../../../src/flow/languages.js';
import { webChat } from '../../../src/channels/web/index.js';
import { issueToken, tokenKeyFrom } from '../../../src/channels/web/token.js';

const lang = (tag: string, name: string, english: string, dir: 'ltr' | 'rtl' = 'ltr', hints: string[] = []): Language => ({
  tag,
  name,
  english,
  dir,
  status: 'reviewed',
  hints,
});

export const languages: Language[] = [
  lang('en', 'English', 'English'),
  lang('bs', 'Bosanski', 'Bosnian', 'ltr', ['hr']),
  lang('ar', 'العربية', 'Arabic', 'rtl'),
  lang('ur', 'اردو', 'Urdu', 'rtl'),
  lang('sr-Cyrl', 'Српски', 'Serbian', 'ltr', ['sr']),
];

export const locales: Record<string, Record<string, string>> = Object.fromEntries(
  ['en', 'bs', 'ar'].map((tag) => [
    tag,
    JSON.parse(readFileSync(new URL(`../../../locales/${tag}/web.json`, import.meta.url), 'utf8')) as Record<string, string>,
  ]),
);

export const reply: RenderedMessage = {
  key: 'welcome:greeting',
  html: 'Hello <b>there</b>',
  language: 'en',
  dir: 'ltr',
  choices: [{ id: 'yes', text: 'Yes' }],
  columns: 1,
  nav: [{ id: 'nav.back', text: 'Back' }],
  input: 'choice',
  question: null,
};

/** The secret the test app signs web chat tokens with. */
export const TOKEN_SECRET = 'web chat test secret: 32 bytes or more';

/** A token the test app accepts, as POST /api/chat/session would issue it. */
export async function signedToken(): Promise<string> {
  return issueToken(await tokenKeyFrom(TOKEN_SECRET));
}

/** A ConversationService that records what it was given and answers with one canned message. */
export class FakeService implements ConversationService {
  readonly envelopes: InboundEnvelope[] = [];
  readonly historyKeys: ContactKey[] = [];
  fail = false;

  async handle(envelope: InboundEnvelope): Promise<HandleResult> {
    if (this.fail) throw new Error('store down');
    this.envelopes.push(envelope);
    const language = envelope.languageHint ?? 'en';
    return { duplicate: false, language, messages: [{ ...reply, language }] };
  }

  async current(): Promise<RenderedMessage | null> {
    return null;
  }

  async notify(): Promise<RenderedMessage | null> {
    return null;
  }

  async setReachable(): Promise<void> {}

  /** Empty until the contact sent something; then the last reply. */
  async history(key: ContactKey) {
    this.historyKeys.push(key);
    const known = this.envelopes.some((e) => e.channelUserId === key.channelUserId);
    return known ? [{ direction: 'out' as const, html: reply.html, at: '2026-01-01T00:00:00.000Z' }] : [];
  }
}

/** The app with the fake service; `requested` collects every locale key the page asked for. */
export function setup(options: { tokenSecret?: string } = {}) {
  const service = new FakeService();
  const requested = new Set<string>();
  const t = (language: string, key: string) => {
    requested.add(key);
    const name = key.replace(/^web:/, '');
    return locales[language]?.[name] ?? locales.en?.[name] ?? key;
  };
  // Mounted as the service mounts it: errors are mapped by the app's one error handler.
  const app = new Hono().route('/', webChat({ service, languages, t, defaultLanguage: 'en', tokenSecret: options.tokenSecret ?? TOKEN_SECRET, clock: () => new Date('2026-11-23T10:00:00Z') }));
  registerErrors(app, silentLogger);
  return { app, service, requested };
}
