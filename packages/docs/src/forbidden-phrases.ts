/**
 * Phrases that mark working notes (where a fact came from, quirk lists, shortened examples). None of them may
 * reach the published docs; the build fails and the tests fail when one does. Matched case-insensitively.
 */
export const FORBIDDEN_PHRASES = [
  'Quirks',
  'third-party mirror',
  'legacy support',
  'cut short',
  'source:',
  'TODO',
  'FIXME',
] as const;

export interface PhraseHit {
  phrase: string;
  /** Where it was found, e.g. a JSON pointer into the docs spec. */
  location: string;
  /** The text around the hit. */
  excerpt: string;
}

/** Every forbidden phrase in `text`, with a short excerpt around each hit. */
export function findForbiddenPhrases(text: string, location: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  const lower = text.toLowerCase();
  for (const phrase of FORBIDDEN_PHRASES) {
    let index = lower.indexOf(phrase.toLowerCase());
    while (index !== -1) {
      const excerpt = text.slice(Math.max(0, index - 30), index + phrase.length + 30).replace(/\s+/g, ' ');
      hits.push({ phrase, location, excerpt });
      index = lower.indexOf(phrase.toLowerCase(), index + phrase.length);
    }
  }
  return hits;
}

/** Every forbidden phrase in any string of a JSON value (keys excluded), located by JSON pointer. */
export function findForbiddenPhrasesInJson(value: unknown, pointer = ''): PhraseHit[] {
  if (typeof value === 'string') return findForbiddenPhrases(value, pointer || '/');
  if (Array.isArray(value))
    return value.flatMap((item, i) => findForbiddenPhrasesInJson(item, `${pointer}/${i}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      findForbiddenPhrasesInJson(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
    );
  }
  return [];
}
