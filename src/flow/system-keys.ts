/**
 * Locale keys the program itself sends (not named in any flow), most in the `common` namespace.
 * The flow check requires them in every language; keep this list in step with the engine and
 * the channels.
 */

/** System key -> the interpolation variables the sender supplies (nothing else is available). */
export const systemKeys = {
  'common:yes': [],
  'common:no': [],
  'common:unknown_command': ['command'],
  'common:reask_choice': [],
  'common:error_apology': [],
  'common:nav_back': [],
  'common:nav_menu': [],
  'common:language_changed': [],
  'common:data_language': [],
  'common:data_consent': [],
  'common:data_nothing': [],
  // /mydata's headings and notes (src/conversation/my-data.ts); each answer's label is
  // `myDataFieldKey` (flow/data-categories.ts).
  'mydata:answers': [],
  'mydata:sensitive_hidden': [],
  'mydata:cases': [],
  'mydata:reach': [],
  'mydata:counsellors_see': [],
  // A multiple choice: its finishing button, and the re-asks after each press (see engine/step.ts).
  'common:multi_done': [],
  'common:multi_chosen': ['selection'],
  'common:multi_none': [],
  'common:multi_reask': [],
  // A chat app's button that shares the account's phone number, under a phone question.
  'common:share_phone': [],
} as const satisfies Record<string, readonly string[]>;

export type SystemKey = keyof typeof systemKeys;

/** Button labels of yes/no questions; typing the label in the person's language works too. */
export const YES_KEY: SystemKey = 'common:yes';
export const NO_KEY: SystemKey = 'common:no';

/**
 * A language's own name, shown in /mydata and pickers: `common:language_name_<tag>`, the tag in
 * lower case with `_` for `-` (`sr-Cyrl` -> `language_name_sr_cyrl`), as locale keys are written.
 */
export const languageNameKey = (tag: string): string => `common:language_name_${tag.toLowerCase().replace(/-/g, '_')}`;

/** System keys shown on buttons: plain text, at most 64 characters (the shortest button limit of a channel). */
export const buttonKeys: readonly SystemKey[] = ['common:yes', 'common:no', 'common:nav_back', 'common:nav_menu', 'common:multi_done', 'common:share_phone'];
