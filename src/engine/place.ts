/**
 * Place names as people type them: in Latin or Cyrillic, with or without diacritics, with a
 * grammatical ending ("u Beogradu") or an official suffix ("Brčko distrikt"). Pure, so the
 * services directory, the dashboard and tests share one rule.
 */
import { fold } from './normalize.js';

/**
 * Serbian Cyrillic (and the other letters Balkan and Russian keyboards give) to Serbian Latin,
 * before diacritics are dropped: Брчко -> Brčko -> brcko. Đ/ђ become "dj" (the usual spelling
 * without diacritics: Đakovica = Djakovica); NFKD does not decompose them.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'dj', е: 'e', ж: 'ž', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l',
  љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'ć', у: 'u', ф: 'f', х: 'h',
  ц: 'c', ч: 'č', џ: 'dž', ш: 'š',
  // Macedonian, Russian, Ukrainian, Bulgarian letters, read the way a Serbian speaker would.
  ѓ: 'gj', ќ: 'kj', ѕ: 'dz', й: 'j', ё: 'e', є: 'je', ї: 'ji', і: 'i', ґ: 'g', я: 'ja', ю: 'ju', щ: 'šč', ъ: '',
  ь: '', ы: 'y', э: 'e',
};

/** Cyrillic letters in Serbian Latin (lower case); everything else unchanged. */
export function toLatin(text: string): string {
  return text.toLowerCase().replace(/[\u0400-\u04ff]/g, (c) => CYRILLIC[c] ?? c);
}

/** A place name folded for comparison: Latin letters without diacritics, words split by spaces. */
export function foldPlace(text: string): string {
  return fold(toLatin(text).replace(/đ/g, 'dj').replace(/ß/g, 'ss'));
}

/**
 * The names a directory entry's place field holds: "Beograd / Belgrade / Београд" lists aliases
 * (a coordinator can add them in the dashboard without a new field).
 */
export function placeNames(field: string): string[] {
  return field
    .split(/[/|;,]/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

const VOWEL = /[aeiou]$/;
/** Case endings of Bosnian, Croatian and Serbian nouns and adjectives, as people write "u Beogradu". */
const ENDINGS = new Set(['a', 'e', 'i', 'o', 'u', 'om', 'em', 'oj', 'ama', 'ima', 'og', 'im']);

/**
 * Whether a typed word is a form of a name's word: the same, or the name's stem (without its last
 * vowel) with a case ending (Beograd -> Beogradu, Bijeljina -> Bijeljini, Brčko -> Brčkom,
 * Živinice -> Živinicama, Novi Sad -> Novom Sadu). Other suffixes do not count: "Beogradska" is a
 * street, not the city.
 */
function sameWord(typed: string, name: string): boolean {
  if (typed === name) return true;
  const stem = name.replace(VOWEL, '');
  if (stem.length < 3 || !typed.startsWith(stem)) return false;
  return ENDINGS.has(typed.slice(stem.length));
}

/** Whether the typed words hold the name's words in order (each a form of it), or the other way round. */
function overlaps(typed: readonly string[], name: readonly string[]): boolean {
  const run = (outer: readonly string[], inner: readonly string[], same: (o: string, i: string) => boolean): boolean => {
    for (let at = 0; at + inner.length <= outer.length; at++) {
      if (inner.every((w, j) => same(outer[at + j] ?? '', w))) return true;
    }
    return false;
  };
  return run(typed, name, sameWord) || run(name, typed, (n, t) => sameWord(t, n));
}

/**
 * Whether what a person typed names one of the places (`names`): across scripts and diacritics,
 * and when either side has more words ("Brčko distrikt" finds "Brčko", "Brčko" finds "Brčko
 * distrikt"). A typed text shorter than three letters matches nothing but an exact name.
 */
export function matchesPlace(typed: string, names: readonly string[]): boolean {
  const words = foldPlace(typed).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  const short = words.join('').length < 3;
  return names.some((raw) => {
    const name = foldPlace(raw).split(' ').filter(Boolean);
    if (name.length === 0) return false;
    if (name.join(' ') === words.join(' ')) return true;
    if (short) return false;
    return overlaps(words, name);
  });
}
