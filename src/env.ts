/**
 * Configuration: the only place that reads environment variables. Each channel is on only when
 * all its variables are set; `describeChannels` says which are off and why, for the start-up log.
 */
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = optional.refine((v) => v === undefined || URL.canParse(v), 'must be a URL');

export const envSchema = z.object({
  /** `production` refuses what is only fit for a laptop (see productionProblems). */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: url,
  PGLITE_DIR: z.string().default('./.data/pglite'),
  PUBLIC_URL: url,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DATA_ENCRYPTION_KEY: optional,
  /** Signs web chat tokens (at least 32 characters); unset, it is derived from DATA_ENCRYPTION_KEY. */
  WEB_TOKEN_SECRET: optional.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters (openssl rand -base64 32)'),
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_WEBHOOK_SECRET: optional.refine(
    (v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v),
    'Telegram allows 1-256 characters A-Z a-z 0-9 _ -',
  ),
  TELEGRAM_API_ROOT: url,
  TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: url,
  SLACK_HANDOFF_CHANNEL: optional,
  /** The workspace the app serves (its team id, `T…`): requests from any other are ignored. */
  SLACK_TEAM_ID: optional.refine((v) => v === undefined || /^[TE][A-Z0-9]{1,20}$/.test(v), 'a Slack team id looks like T0123ABCD'),
  /** Dashboard: how long a sign-in lasts, and how long a one-time sign-in link stays valid. */
  ADMIN_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  LOGIN_LINK_MINUTES: z.coerce.number().int().positive().max(24 * 60).default(15),
  /** Retention: a conversation nobody continues, and that led to no case, is erased after this. */
  RETENTION_ABANDONED_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * Flood limits (per fixed window, counted in the database so they hold across instances). A
   * reception centre may put many people behind one address: raise the per-address limits there.
   */
  WEB_NEW_CONVERSATIONS_PER_HOUR: z.coerce.number().int().min(1).default(30),
  WEB_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  WEB_REQUESTS_PER_MINUTE_PER_ADDRESS: z.coerce.number().int().min(1).default(600),
  TELEGRAM_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /**
   * The header that carries the client's address behind a proxy you run (`x-forwarded-for`), or
   * Cloudflare's `cf-connecting-ip` on Workers; unset, the connection's own address is used.
   */
  CLIENT_IP_HEADER: optional.transform((v) => v?.toLowerCase()),
  /** Retention: a closed case keeps its personal data this long, then only its categories remain. */
  RETENTION_CLOSED_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment (process.env on Node, the bindings on Workers). Throws a readable error. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export interface ChannelState {
  name: 'web' | 'telegram' | 'slack';
  on: boolean;
  missing: string[];
}

/** Which channels are on, and for those off, which variables are missing. */
export function describeChannels(env: Env): ChannelState[] {
  const need = (names: Array<keyof Env>): string[] => names.filter((n) => env[n] === undefined);
  const telegram = need(env.TELEGRAM_MODE === 'webhook' ? ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'] : ['TELEGRAM_BOT_TOKEN']);
  const slack = need(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_HANDOFF_CHANNEL', 'SLACK_TEAM_ID']);
  return [
    { name: 'web', on: true, missing: [] },
    { name: 'telegram', on: telegram.length === 0, missing: telegram },
    { name: 'slack', on: slack.length === 0, missing: slack },
  ];
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

/**
 * What a production deployment must not do: serve staff over plain http (cookies and sign-in links
 * would travel in the clear), run without a configured data key (a generated key beside the
 * database protects no backup), or reach a remote PostgreSQL without TLS. Empty when all is well.
 */
export function productionProblems(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!env.PUBLIC_URL || !env.PUBLIC_URL.startsWith('https://')) problems.push('PUBLIC_URL must be the https:// address of the service');
  if (!env.DATA_ENCRYPTION_KEY) problems.push('DATA_ENCRYPTION_KEY must be set (a key generated beside the database protects no copy of it)');
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    const mode = url.searchParams.get('sslmode');
    if (!LOCAL_HOSTS.has(url.hostname) && mode !== 'require' && mode !== 'verify-full' && mode !== 'verify-ca') {
      problems.push('DATABASE_URL reaches a remote server without TLS: add ?sslmode=verify-full (or require)');
    }
  }
  return problems;
}
