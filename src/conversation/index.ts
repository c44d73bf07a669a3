export { createConversationService, SET_LANGUAGE_COMMAND, type ConversationDeps } from './service.js';
export { renderMessage } from './render.js';
export { suggestLanguage } from './language.js';
export { effectHandlers } from './effects/index.js';
export type * from './ports.js';
export type * from './types.js';
