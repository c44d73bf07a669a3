/** The Node entry: `npm start`. */
import { serve } from '@hono/node-server';
import { describeChannels, parseEnv } from '../env.js';
import { createLogger } from '../log.js';
import { writeCliSecret } from './cli-secret.js';
import { firstAdminLinkOutlet } from './first-admin-link.js';
import { startServices } from './start.js';

const env = parseEnv(process.env);
const log = createLogger(env.LOG_LEVEL);
const started = Date.now();
const services = await startServices(env, log, { thread: true });
log.log('info', 'database ready', {
  driver: services.database.driver,
  ...(services.database.driver === 'pglite' ? { dir: env.PGLITE_DIR } : {}),
});
for (const channel of describeChannels(env)) {
  if (channel.on) log.log('info', `channel ${channel.name}: on`);
  else log.log('info', `channel ${channel.name}: off (set ${channel.missing.join(', ')} to turn it on)`);
}
// The dashboard: `npm run user:add` through loopback, and the first admin's link while there is none
// (in a 0600 file beside the database, and on the terminal when there is one; never in the log).
await services.dashboard.start({ cliSecret: await writeCliSecret(env), firstAdminLink: firstAdminLinkOutlet(env) });
const server = serve({ fetch: services.app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  log.log('info', `listening on http://${env.HOST}:${info.port}/`, { startupMs: Date.now() - started });
});

// Queued Telegram and Slack messages go out here when they could not go out within their request.
const outboxTimer = setInterval(() => {
  services.worker.run().catch((error: unknown) => log.log('error', 'outbox run failed', { error: String(error) }));
}, 2_000);
// Reminders and check-ins that are due, then what they queued. Other instances may run it too: a
// job is leased by one runner and done once.
const schedulerTimer = setInterval(() => {
  services.scheduler
    .run()
    .then(() => services.worker.run())
    .catch((error: unknown) => log.log('error', 'scheduler run failed', { error: String(error) }));
}, 30_000);
// The retention promised in the privacy notice: now, then every hour.
const sweep = (): void => {
  services.retention.run().catch((error: unknown) => log.log('error', 'retention sweep failed', { error: String(error) }));
};
sweep();
const retentionTimer = setInterval(sweep, 60 * 60 * 1000);
for (const task of services.setup) {
  task().catch((error: unknown) => log.log('error', 'channel setup failed', { error: String(error) }));
}
// Channels with work of their own (Telegram long polling on a laptop without a public URL).
const background = [...services.channels.values()].map(({ adapter, mounted }) =>
  mounted.start
    ? mounted.start().catch((error: unknown) => {
        log.log('error', `${adapter.name}: did not start`, { error: String(error) });
        return null;
      })
    : Promise.resolve(null),
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.log('info', 'stopping', { signal });
  clearInterval(outboxTimer);
  clearInterval(schedulerTimer);
  clearInterval(retentionTimer);
  for (const running of await Promise.all(background)) await running?.stop();
  server.close();
  // Replies of turns that committed are leased to this process: send them now rather than leave
  // them to another instance once their lease has run out.
  await services.worker.settle(5_000);
  await services.database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
