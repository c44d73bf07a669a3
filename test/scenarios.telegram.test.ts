/** Every conversation in test/scenarios/, through the Telegram webhook, with the fake Bot API. */
import { runScenarios } from './support/scenario-suite.js';

runScenarios('telegram');
