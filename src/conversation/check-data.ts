/**
 * The data files beside the flows, checked with them by `npm run check:flows`: the screening rules
 * and lists (flows/rules/) and the services directory seed (flows/directory/services.yaml).
 */
import { parse } from 'yaml';
import type { Content, Issue } from '../flow/content.js';
import { RulesError } from '../screening/index.js';
import { DIRECTORY_FILE, SERVICE_TOPICS, directoryFileSchema } from './directory-from-data.js';
import { rulesFromData } from './screening-adapter.js';

export function checkData(content: Content): Issue[] {
  const issues: Issue[] = [];
  try {
    rulesFromData(content.data);
  } catch (error) {
    if (!(error instanceof RulesError)) throw error;
    for (const i of error.issues) issues.push({ file: i.file, message: i.rule ? `rule ${i.rule}: ${i.message}` : i.message });
  }
  // The bot names each service's topic in the person's language: English must have every topic.
  const topics = content.resources['en']?.['service_topic'] ?? {};
  for (const topic of SERVICE_TOPICS) {
    if (typeof topics[topic] !== 'string') issues.push({ file: 'locales/en/service_topic.json', message: `missing key "${topic}" (a service topic the bot shows)` });
  }
  const directory = content.data[DIRECTORY_FILE];
  if (directory === undefined) {
    issues.push({ file: DIRECTORY_FILE, message: 'missing: the services directory seed the bot and the dashboard start from' });
    return issues;
  }
  let doc: unknown;
  try {
    doc = parse(directory);
  } catch (error) {
    issues.push({ file: DIRECTORY_FILE, message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}` });
    return issues;
  }
  const parsed = directoryFileSchema.safeParse(doc);
  if (!parsed.success) {
    for (const i of parsed.error.issues) issues.push({ file: DIRECTORY_FILE, message: `${i.path.join('.') || '(top)'}: ${i.message}` });
  }
  return issues;
}
