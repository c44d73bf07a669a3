export { FakeSlack, BOT_TOKEN, BOT_USER, type SlackCall, type SlackMessage } from './server.js';
export { actionRequest, commandRequest, eventRequest, eventId, rawRequest, sign, HANDOFF_CHANNEL, SIGNING_SECRET, type SlackRequest } from './events.js';
export { checkBlocks } from './block-kit.js';
export { checkCall, loadSlackSpec } from './spec.js';
