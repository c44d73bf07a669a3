export { step, newSession, qualify } from './step.js';
export { countryName, matchCountry } from './country.js';
export * from './types.js';
