// Digits a migrant's keyboard may type: Arabic-Indic, Persian, Devanagari, Bengali.
const zeros = [0x0660, 0x06f0, 0x0966, 0x09e6, 0xff10];

/** Replaces non-ASCII decimal digits with ASCII ones and trims. */
export function asciiDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const zero = zeros.find((z) => code >= z && code <= z + 9);
    out += zero === undefined ? ch : String(code - zero);
  }
  return out.trim();
}
