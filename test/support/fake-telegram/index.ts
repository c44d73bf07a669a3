export { FakeTelegram, type Call, type Failure } from './server.js';
export { FakeUser } from './user.js';
export { TelegramChat, buttonsOf, postUpdate, WEBHOOK, SECRET_HEADER, type Exchange } from './chat.js';
export { parseTelegramHtml } from './html.js';
export { SpecChecker, loadSpec } from './spec.js';
