import { z } from 'zod';

const id = z.number().int();
const chat = z.looseObject({ id, type: z.string() });
const user = z.looseObject({ id, is_bot: z.boolean(), first_name: z.string(), language_code: z.string().optional() });
const message = z.looseObject({ message_id: id, date: id, chat, from: user.optional(), text: z.string().optional() });
const member = z.looseObject({ status: z.string() });

/**
 * The parts of a Telegram update this channel reads, checked before grammY sees it: a body that is
 * not an update gets a 400. Other fields pass through untouched.
 */
export const updateSchema = z.looseObject({
  update_id: id.nonnegative(),
  message: message.optional(),
  edited_message: message.optional(),
  callback_query: z
    .looseObject({
      id: z.string(),
      from: user,
      chat_instance: z.string(),
      data: z.string().optional(),
      message: z.looseObject({ message_id: id, date: id, chat }).optional(),
    })
    .optional(),
  my_chat_member: z
    .looseObject({ chat, from: user, date: id, old_chat_member: member, new_chat_member: member })
    .optional(),
});
