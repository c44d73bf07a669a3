/**
 * The channels this service can run. Each is one folder with an adapter factory; a factory returns
 * null while its configuration is missing. To add a channel: write `src/channels/<name>/` with a
 * factory of the shape in adapter.ts, and add one line below.
 */
import type { AdapterFactory } from './adapter.js';
import { createSlackAdapter } from './slack/index.js';
import { createTelegramAdapter } from './telegram/index.js';
import { createWebAdapter } from './web/adapter.js';

export const channelFactories: readonly AdapterFactory[] = [createWebAdapter, (ctx) => createTelegramAdapter(ctx), createSlackAdapter];

export type { AdapterContext, AdapterFactory, Capabilities, ChannelAdapter, ChannelCore, Mounted } from './adapter.js';
