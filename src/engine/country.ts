import { fold } from './normalize.js';

// ISO 3166-1 alpha-2 codes Intl can name; XK (Kosovo) is user-assigned but widely used.
const REGIONS =
  'AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS XK YE ZA ZM ZW'.split(' ');

/**
 * The answer for "no citizenship": a user-assigned ISO 3166-1 code (XA–XZ are reserved for that),
 * so it passes wherever a country code does and never matches a real country.
 */
export const STATELESS = 'XX';

/**
 * Names CLDR does not give but people write: short forms, older names, names in the script of the
 * region, and what citizens are called ("Pakistani", "afghan"). Folded when compared.
 */
const ALIASES: Record<string, readonly string[]> = {
  AF: ['afghan', 'afghani', 'afganistan', 'avganistan', 'افغانستان', 'افغان'],
  BA: ['bih', 'b&h', 'bosnia', 'bosna', 'bosna i hercegovina', 'bosnian', 'bosanac', 'bosanka', 'босна', 'босна и херцеговина', 'бих'],
  RS: ['srbija', 'србија', 'serbian', 'srbin', 'srpkinja', 'србин'],
  PK: ['pakistani', 'پاکستانی'],
  BD: ['bangladeshi', 'বাংলাদেশী'],
  SY: ['syrian', 'syrie', 'سورية', 'سوريا', 'سوری'],
  IQ: ['iraqi', 'irak', 'العراق', 'عراقي'],
  IR: ['iranian', 'persia', 'ایرانی'],
  MA: ['moroccan', 'maroc', 'المغرب', 'مغربي'],
  DZ: ['algerian', 'algerie', 'الجزائر', 'جزائري'],
  TN: ['tunisian', 'tunisie', 'تونسي'],
  EG: ['egyptian', 'مصري'],
  LY: ['libyan', 'ليبي'],
  IN: ['indian', 'bharat', 'भारत', 'भारतीय'],
  NP: ['nepali', 'nepalese', 'नेपाली'],
  TR: ['turkey', 'turkish', 'turkiye', 'türk'],
  BI: ['burundian', 'burundais'],
  CU: ['cuban', 'cubano', 'cubana'],
  PS: ['palestine', 'palestinian', 'palestina', 'فلسطين', 'فلسطيني', 'gaza', 'west bank'],
  XK: ['kosova', 'kosovar', 'косово'],
  MK: ['macedonia', 'makedonija', 'македонија'],
  AL: ['albanian', 'shqiperia', 'shqipëria'],
  ME: ['crna gora', 'црна гора', 'montenegrin'],
  HR: ['hrvatska', 'croatian'],
  DE: ['deutschland', 'german', 'njemačka', 'nemačka', 'немачка'],
  GB: ['uk', 'britain', 'england', 'british'],
  US: ['usa', 'america', 'american'],
  CD: ['congo', 'drc', 'rdc'],
  CM: ['cameroonian', 'cameroun'],
  SO: ['somali', 'somalian'],
  ER: ['eritrean'],
  SD: ['sudanese'],
  [STATELESS]: ['stateless', 'no citizenship', 'no nationality', 'none', 'bidoon', 'bedoon', 'apatride', 'apátrida', 'staatenlos', 'bez državljanstva', 'без држављанства', 'عديم الجنسية', 'بدون', 'بدون جنسية', 'بی تابعیت', 'بی‌تابعیت', 'vatansız', 'بے وطن', 'बिना नागरिकता', 'राज्यविहीन', 'pa shtetësi', 'pa shtetesi', 'بې تابعیته', 'بې تابعیت', 'bi welat', 'bê welat', 'bêwelat', 'بێدەوڵەت', 'بێ ڕەگەزنامە', 'রাষ্ট্রহীন', 'राज्यविहीन नागरिक'],
};

interface Name {
  code: string;
  name: string;
  folded: string;
  /** An alias matches only when typed in full, never by its beginning. */
  alias?: true;
}

const cache = new Map<string, Name[]>();

function names(language: string): Name[] {
  let list = cache.get(language);
  if (list) return list;
  const display = new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'code' });
  list = REGIONS.map((code): Name => {
    const name = code === 'XK' && display.of(code) === 'XK' ? 'Kosovo' : (display.of(code) ?? code);
    return { code, name, folded: fold(name) };
  });
  // Aliases count as exact names in every language; they are few and do not collide.
  if (language === 'en') {
    for (const [code, aliases] of Object.entries(ALIASES)) for (const alias of aliases) list.push({ code, name: alias, folded: fold(alias), alias: true });
  }
  cache.set(language, list);
  return list;
}

/** A country's name in a language (CLDR data through Intl). */
export function countryName(code: string, language: string): string {
  return names(language).find((n) => n.code === code)?.name ?? code;
}

/**
 * Countries whose name, in the user's language or English, matches what they typed.
 * An exact name or code wins alone; otherwise every name that starts with or contains the text.
 */
export function matchCountry(text: string, language: string): string[] {
  // CLDR writes "Bosnia & Herzegovina", people write "and" (the "&" folds away).
  const typed = fold(text).replace(/(^| )and( |$)/g, ' ').replace(/ +/g, ' ').trim();
  if (typed.length === 0) return [];
  const candidates = [...names(language), ...names('en')];
  const upper = text.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && REGIONS.includes(upper)) return [upper];
  const exact = candidates.filter((c) => c.folded === typed);
  if (exact.length > 0) return [...new Set(exact.map((c) => c.code))];
  if (typed.length < 2) return [];
  const named = candidates.filter((c) => !c.alias);
  const starts = named.filter((c) => c.folded.startsWith(typed) || c.folded.split(' ').some((w) => w.startsWith(typed)));
  const found = starts.length > 0 ? starts : named.filter((c) => c.folded.includes(typed));
  return [...new Set(found.map((c) => c.code))];
}
