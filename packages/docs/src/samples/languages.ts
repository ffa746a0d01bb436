/**
 * The sample tabs, in the order Redoc shows them. Redoc matches an `x-codeSamples` entry to a tab by its
 * label, so the docs spec and the Redoc options both take the labels from here.
 */
export const SAMPLE_LANGUAGES = [
  { label: 'TypeScript', lang: 'ts' },
  { label: 'TypeScript (actAs)', lang: 'ts' },
  { label: 'curl', lang: 'bash' },
] as const;

export type SampleLabel = (typeof SAMPLE_LANGUAGES)[number]['label'];
