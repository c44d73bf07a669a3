/** Every conversation in test/scenarios/, through the conversation service. */
import { runScenarios } from './support/scenario-suite.js';

runScenarios('service');
