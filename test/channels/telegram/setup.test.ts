/** Start-up: the command menus per language, the webhook registration, polling mode, the set-up CLI. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Translator } from '../../../src/i18n/translator.js';
import { realContent } from '../../support/app.js';
import { useTestDatabase } from '../../support/db.js';
import { FakeUser } from '../../support/fake-telegram/index.js';
import { SECRET, telegramHarness, texts, useFakeTelegram } from './harness.js';

const database = useTestDatabase();
const fake = useFakeTelegram();
const translator = new Translator(realContent());
const repo = resolve(import.meta.dirname, '../../..');

/** Runs `npm run telegram:setup` as a child (asynchronously: the fake answers from this process). */
function setupCli(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), 'src/cli/telegram-setup.ts', ...args], {
    cwd: repo,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'silent', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, out })));
}

const COMMANDS = ['start', 'menu', 'language', 'status', 'counsellor', 'mydata', 'delete', 'help', 'notifications', 'clear', 'appointment', 'documents', 'travel', 'followup'];

describe('Telegram set-up', () => {
  it('registers the commands in every language, under each Telegram code, and English by default', async () => {
    const h = await telegramHarness(database(), fake());
    for (const task of h.setup) await task();
    const byCode = fake().commands;
    // setMyCommands takes two-letter ISO 639-1 codes only (ckb and kmr have none; kmr is also `ku`).
    const codes = realContent().languages.flatMap((l) => l.hints).filter((c) => /^[a-z]{2}$/.test(c));
    expect(codes).toEqual(expect.arrayContaining(['en', 'ar', 'bs', 'hr']));
    expect([...byCode.keys()].sort()).toEqual(['', ...codes].sort());
    expect(byCode.get('')?.map((c) => c.command)).toEqual(COMMANDS);
    expect(byCode.get('ar')?.find((c) => c.command === 'delete')?.description).toBe(translator.label('ar', 'telegram:command_delete'));
    expect(byCode.get('hr')).toEqual(byCode.get('bs'));
    // No webhook without a public URL.
    expect(fake().callsTo('setWebhook')).toEqual([]);
  });

  it('has a description for every command in flows/app.yaml, in every language', () => {
    const content = realContent();
    for (const language of content.languages) {
      for (const command of Object.keys(content.app.commands)) {
        expect(translator.has(language.tag, `telegram:command_${command}`), `${language.tag} /${command}`).toBe(true);
      }
    }
  });

  it('registers the webhook with its secret and the update types it handles when PUBLIC_URL is set', async () => {
    const h = await telegramHarness(database(), fake(), { env: { PUBLIC_URL: 'https://avrr.example.org/bot/' } });
    for (const task of h.setup) await task();
    expect(fake().webhook).toEqual({
      url: 'https://avrr.example.org/bot/telegram/webhook',
      secret: SECRET,
      allowed: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
    });
  });

  it('polls in polling mode, with the same handling, and stops cleanly', async () => {
    const h = await telegramHarness(database(), fake(), {
      env: { TELEGRAM_MODE: 'polling', PUBLIC_URL: 'https://x.example' },
      telegram: { polling: { timeoutSeconds: 1 } },
    });
    for (const task of h.setup) await task();
    const webhooks = fake().callsTo('setWebhook').length;
    const start = h.channels.get('telegram')?.mounted.start;
    if (!start) throw new Error('polling mode mounts a start()');
    const polling = await start();
    try {
      const user = new FakeUser(fake(), 'ar');
      fake().queueUpdate(user.text('/start'));
      await expect.poll(() => fake().callsTo('sendMessage', user.id).length, { timeout: 5_000 }).toBe(2);
      expect(texts(fake().callsTo('sendMessage', user.id))[0]).toBe(translator.t('ar', 'welcome:greeting'));
    } finally {
      await polling.stop();
    }
    expect(fake().callsTo('deleteWebhook').length).toBeGreaterThan(0);
    expect(fake().callsTo('setWebhook').length).toBe(webhooks);
  });

  it('npm run telegram:setup registers the webhook and the commands, and --delete removes the webhook', async () => {
    const env = {
      TELEGRAM_BOT_TOKEN: fake().token,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: fake().apiRoot,
      PUBLIC_URL: 'https://cli.example.org',
    };
    const set = await setupCli(env);
    expect(set.out).toMatch(/webhook set: https:\/\/cli\.example\.org\/telegram\/webhook/);
    expect(set.out).not.toContain(SECRET);
    expect(set.code).toBe(0);
    expect(fake().webhook).toMatchObject({ url: 'https://cli.example.org/telegram/webhook', secret: SECRET });
    expect(fake().commands.get('ar')?.map((c) => c.command)).toEqual(COMMANDS);
    const removed = await setupCli(env, '--delete');
    expect(removed.code).toBe(0);
    expect(fake().webhook).toBeNull();
    const missing = await setupCli({ TELEGRAM_BOT_TOKEN: fake().token, TELEGRAM_API_ROOT: fake().apiRoot });
    expect(missing.code).not.toBe(0);
    expect(missing.out).toMatch(/PUBLIC_URL/);
  }, 60_000);
});
