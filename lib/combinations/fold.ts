// Name folding shared by validation and lookup, so "St. John's Wort",
// "st johns wort" and "St-John's-wort" are one name.

/** Lower case, accents and apostrophes removed, every other run of non-letters one space. */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The comparison key: folded, without spaces or dashes ("2C-B" = "2cb", "co-codamol" = "cocodamol"). */
export function nameKey(text: string): string {
  return foldName(text).replace(/ /g, '');
}
