/** Every conversation in test/scenarios/, through the web chat API. */
import { runScenarios } from './support/scenario-suite.js';

runScenarios('web');
