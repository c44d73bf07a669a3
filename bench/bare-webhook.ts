/**
 * The floor the service is measured against: a Telegram webhook that does the least a stateful bot
 * must do per update, on the same stack (Hono on Node, drizzle on PGlite or PostgreSQL): check the
 * secret, parse the update, one transaction with one locked read and one write of the chat's row,
 * then one Bot API call (a message with a button to press), and answer 200.
 *
 * Run as its own process by bench/run.ts, configured like the service (PORT, DATABASE_URL or
 * PGLITE_DIR, TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, TELEGRAM_API_ROOT).
 */
import { serve } from '@hono/node-server';
import { eq, sql } from 'drizzle-orm';
import { bigint, integer, pgTable } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { z } from 'zod';
import { openDatabase } from '../src/db/index.js';
import { parseEnv } from '../src/env.js';

const env = parseEnv(process.env);
const token = env.TELEGRAM_BOT_TOKEN ?? '';
const apiRoot = (env.TELEGRAM_API_ROOT ?? 'https://api.telegram.org').replace(/\/+$/, '');

const bareChats = pgTable('bench_bare_chats', {
  chatId: bigint('chat_id', { mode: 'number' }).primaryKey(),
  presses: integer('presses').notNull(),
});

const chat = z.object({ id: z.number().int() });
const update = z.object({
  update_id: z.number().int(),
  message: z.object({ chat }).optional(),
  callback_query: z.object({ message: z.object({ chat }).optional() }).optional(),
});

const database = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR });
const { db } = database;
await db.execute(sql`create table if not exists bench_bare_chats (chat_id bigint primary key, presses integer not null)`);

const app = new Hono();
app.post('/telegram/webhook', async (c) => {
  if (c.req.header('x-telegram-bot-api-secret-token') !== env.TELEGRAM_WEBHOOK_SECRET) return c.json({ error: 'unauthorized' }, 401);
  const parsed = update.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) return c.json({ error: 'bad_request' }, 400);
  const chatId = parsed.data.callback_query?.message?.chat.id ?? parsed.data.message?.chat.id;
  if (chatId === undefined) return c.json({});
  const presses = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(bareChats).where(eq(bareChats.chatId, chatId)).for('update');
    const next = (row?.presses ?? 0) + 1;
    await tx
      .insert(bareChats)
      .values({ chatId, presses: next })
      .onConflictDoUpdate({ target: bareChats.chatId, set: { presses: next } });
    return next;
  });
  const response = await fetch(`${apiRoot}/bot${token}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chat_id: chatId, text: `Pressed ${presses} times`, reply_markup: { inline_keyboard: [[{ text: 'Again', callback_data: 'again' }]] } }),
  });
  await response.arrayBuffer();
  if (!response.ok) return c.json({ error: 'bot_api' }, 502);
  return c.json({});
});
app.get('/healthz', (c) => c.json({ status: 'ok' }));

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(JSON.stringify({ level: 'info', message: `listening on http://${env.HOST}:${info.port}/` }));
});
const stop = async (): Promise<void> => {
  server.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
