/**
 * Fills an embedded database with stored conversations for the memory and start-up measurement:
 * copies of one real conversation the service made (its contact, encrypted session and transcript),
 * written in SQL so 10,000 take seconds rather than the hours the webhook would need.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/index.js';

/** Entries per copied transcript: a conversation through the screening and an application is about this long. */
const TRANSCRIPT_ROWS = 60;

/** Makes the database hold at least `total` Telegram conversations. */
export async function seedConversations(pgliteDir: string, total: number): Promise<void> {
  const database = await openDatabase({ pgliteDir });
  try {
    const { db } = database;
    await db.transaction(async (tx) => {
      // The conversation with the longest transcript is the one copied.
      const source = sql`(select contact_id from transcript_messages group by contact_id order by count(*) desc limit 1)`;
      await tx.execute(sql`
        insert into contacts (channel, channel_user_id, language, consent, reachable, created_at, updated_at)
        select c.channel, 'seed-' || g, c.language, c.consent, true, c.created_at, c.updated_at
        from contacts c, generate_series(1, ${total}) g
        where c.id = ${source}
          and (select count(*) from contacts) + g <= ${total}
        on conflict do nothing`);
      await tx.execute(sql`
        insert into sessions (contact_id, state_enc, version, updated_at)
        select n.id, s.state_enc, s.version, s.updated_at
        from contacts n, sessions s
        where n.channel_user_id like 'seed-%' and s.contact_id = ${source}
        on conflict do nothing`);
      await tx.execute(sql`
        insert into transcript_messages (contact_id, direction, text_enc, at)
        select n.id, t.direction, t.text_enc, t.at
        from contacts n, (select * from transcript_messages where contact_id = ${source} order by id limit ${TRANSCRIPT_ROWS}) t
        where n.channel_user_id like 'seed-%'
          and not exists (select 1 from transcript_messages x where x.contact_id = n.id)
        order by n.id, t.id`);
    });
    await db.execute(sql`checkpoint`);
  } finally {
    await database.close();
  }
}
