import { z } from 'zod';
import type { Inbound } from '../../engine/types.js';

export const commands = ['start', 'menu', 'language', 'status', 'counsellor', 'mydata', 'delete', 'help', 'notifications', 'clear'] as const;

/** Any string of a sane length: whether the server signed it is checked after parsing (401, not 400). */
export const tokenSchema = z.string().min(1).max(256);

const tagSchema = z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?$/, 'expected a language tag');

/** The body of `POST /api/chat/messages`. */
export const messageSchema = z
  .object({
    token: tokenSchema,
    id: z.string().min(1).max(64),
    text: z.string().trim().min(1).max(2000).optional(),
    choice: z.string().min(1).max(64).optional(),
    command: z.enum(commands).optional(),
    language: tagSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const given = (['text', 'choice', 'command'] as const).filter((k) => body[k] !== undefined);
    if (given.length > 1) {
      ctx.addIssue({ code: 'custom', message: `send only one of text, choice, command (got ${given.join(', ')})` });
    } else if (given.length === 0 && body.language === undefined) {
      ctx.addIssue({ code: 'custom', message: 'send one of text, choice, command or language' });
    } else if (body.language !== undefined && given.length === 1 && body.command !== 'start') {
      ctx.addIssue({ code: 'custom', path: ['language'], message: 'language goes alone or with command "start"' });
    }
  });

export type MessageBody = z.infer<typeof messageSchema>;

/** The body of `POST /api/chat/history`. */
export const historySchema = z.object({ token: tokenSchema });

/** Commands the web channel invents: a language chosen in the page's picker. */
export const setLanguageCommand = (tag: string): string => `set_language:${tag}`;

/** The engine's input for a valid body. */
export function toInbound(body: MessageBody): Inbound {
  if (body.text !== undefined) return { kind: 'text', text: body.text };
  if (body.choice !== undefined) return { kind: 'choice', id: body.choice };
  if (body.command !== undefined) return { kind: 'command', command: body.command };
  // The schema lets a body without text/choice/command through only when it carries a language.
  return { kind: 'command', command: setLanguageCommand(body.language ?? '') };
}

/** One line per zod issue, `path: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}
