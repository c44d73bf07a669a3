/**
 * The data files beside the flows, checked with them by `npm run check:flows`: the screening rules
 * and lists (flows/rules/), the services directory seed, the help numbers and the place names
 * (flows/directory/). Every contact and number shown to people must say where it comes from.
 */
import { parse } from 'yaml';
import type { z } from 'zod';
import type { Content, Issue } from '../flow/content.js';
import { DESTINATION_REASONS, RULE_FILES, RulesError, destinationListSchema } from '../screening/index.js';
import { DIRECTORY_FILE, SERVICE_TOPICS, directoryFileSchema } from './directory-from-data.js';
import { NUMBERS_FILE, NUMBER_AREAS, NUMBER_KINDS, numbersFileSchema } from './numbers-from-data.js';
import { PLACES_FILE, parsePlaces } from './place-names.js';
import { rulesFromData } from './screening-adapter.js';

/** Parses one YAML data file with its schema; every problem becomes an issue naming the file. */
function checkFile(content: Content, file: string, schema: z.ZodType, issues: Issue[], required: string): unknown {
  const text = content.data[file];
  if (text === undefined) {
    issues.push({ file, message: `missing: ${required}` });
    return undefined;
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    issues.push({ file, message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    for (const i of parsed.error.issues) issues.push({ file, message: `${i.path.join('.') || '(top)'}: ${i.message}` });
    return undefined;
  }
  return parsed.data;
}

/** English must have every key the effects build from data (others fall back to English per key). */
function requireEnglish(content: Content, keys: readonly string[], why: string, issues: Issue[]): void {
  const en = content.resources['en'] ?? {};
  for (const qualified of keys) {
    const [ns = '', key = ''] = qualified.split(':');
    if (typeof en[ns]?.[key] !== 'string') issues.push({ file: `locales/en/${ns}.json`, message: `missing key "${key}" (${why})` });
  }
}

export function checkData(content: Content): Issue[] {
  const issues: Issue[] = [];
  try {
    rulesFromData(content.data);
  } catch (error) {
    if (!(error instanceof RulesError)) throw error;
    for (const i of error.issues) issues.push({ file: i.file, message: i.rule ? `rule ${i.rule}: ${i.message}` : i.message });
  }
  // The seed list is what people are told before "apply now?": a limited or suspended destination
  // says why, when it was checked and where (coordinators' later edits are checked in the dashboard).
  const destinations = content.data[RULE_FILES.destinations];
  if (destinations !== undefined) {
    const parsed = destinationListSchema.safeParse(parse(destinations));
    if (parsed.success) {
      parsed.data.entries.forEach((e, i) => {
        if (e.status === 'open') return;
        for (const field of ['reason', 'checked', 'source'] as const) {
          if (e[field] === undefined) issues.push({ file: RULE_FILES.destinations, message: `entries.${i} (${e.country}): a ${e.status} destination needs \`${field}\`` });
        }
      });
    }
  }
  requireEnglish(content, DESTINATION_REASONS.map((r) => `answer:${r}`), 'a destination reason the bot shows', issues);
  requireEnglish(content, SERVICE_TOPICS.map((t) => `service_topic:${t}`), 'a service topic the bot shows', issues);
  requireEnglish(
    content,
    [
      ...NUMBER_KINDS.map((k) => `numbers:kind_${k}`),
      ...NUMBER_AREAS.map((a) => `numbers:area_${a}`),
      'numbers:kind_named',
      'numbers:kind_in_area',
      'numbers:line',
      'numbers:line_plain',
      'numbers:free',
      'numbers:hours_always',
      'numbers:hours_weekdays',
      'numbers:hours_daily',
    ],
    'the help numbers are written with it',
    issues,
  );
  checkFile(content, DIRECTORY_FILE, directoryFileSchema, issues, 'the services directory seed the bot and the dashboard start from');
  checkFile(content, NUMBERS_FILE, numbersFileSchema, issues, 'the help numbers shown on the safety and protection paths');
  const placesText = content.data[PLACES_FILE];
  if (placesText !== undefined) {
    try {
      parsePlaces(placesText);
    } catch (error) {
      issues.push({ file: PLACES_FILE, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return issues;
}
