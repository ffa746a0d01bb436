import { type CodeSample, listOperations, type OpenApiDocument, type TagObject } from './openapi.js';
import { curlSample } from './samples/curl.js';
import { SAMPLE_LANGUAGES, type SampleLabel } from './samples/languages.js';
import { typescriptSample } from './samples/typescript.js';
import { isTeamOperation, missingTeamTags } from './team-operations.js';
import { REPLYKIT_LOGO } from './theme.js';

export const CHANGELOG_TAG = 'Changelog';
export const DOCS_TITLE = 'Reply.io API';

export interface DocsContent {
  /** Markdown that replaces `info.description`: the introduction, one `#` section per sidebar entry. */
  introduction: string;
  /** Markdown of the changelog page. */
  changelog: string;
}

export interface DocsSpecStats {
  operations: number;
  typescriptSamples: number;
  actAsSamples: number;
  curlSamples: number;
  throttled: number;
}

/**
 * The spec Redoc renders: the curated spec plus generated code samples, the introduction, throttling notes and
 * a changelog page. The curated spec itself is not modified (the input is cloned).
 */
export function buildDocsSpec(
  curated: OpenApiDocument,
  content: DocsContent,
): {
  spec: OpenApiDocument;
  stats: DocsSpecStats;
} {
  const spec = structuredClone(curated);
  const missing = missingTeamTags(spec);
  if (missing.length > 0) {
    throw new Error(
      `docs: team tags ${missing.map((t) => `"${t}"`).join(', ')} are not in the spec (src/team-operations.ts)`,
    );
  }
  const stats: DocsSpecStats = {
    operations: 0,
    typescriptSamples: 0,
    actAsSamples: 0,
    curlSamples: 0,
    throttled: 0,
  };
  for (const resolved of listOperations(spec)) {
    const { operation } = resolved;
    const where = `${resolved.method.toUpperCase()} ${resolved.path}`;
    if (!operation.summary) throw new Error(`docs: ${where} has no summary`);
    const samples: CodeSample[] = [sample('TypeScript', typescriptSample(spec, resolved))];
    if (isTeamOperation(operation)) {
      samples.push(sample('TypeScript (actAs)', typescriptSample(spec, resolved, { actAs: true })));
      stats.actAsSamples += 1;
    }
    samples.push(sample('curl', curlSample(spec, resolved)));
    operation['x-codeSamples'] = samples;
    const seconds = operation['x-reply-throttle-seconds'];
    if (typeof seconds === 'number') {
      operation.description = `${throttleNote(seconds)}\n\n${operation.description ?? ''}`.trim();
      stats.throttled += 1;
    }
    stats.operations += 1;
    stats.typescriptSamples += 1;
    stats.curlSamples += 1;
  }
  spec.info = {
    ...spec.info,
    title: DOCS_TITLE,
    description: content.introduction.trim(),
    'x-logo': { url: REPLYKIT_LOGO, altText: 'replykit' },
  };
  const tags: TagObject[] = [...(spec.tags ?? [])];
  tags.push({ name: CHANGELOG_TAG, description: content.changelog, 'x-traitTag': true });
  spec.tags = tags;
  spec['x-tagGroups'] = [
    { name: 'API reference', tags: (curated.tags ?? []).map((tag) => tag.name) },
    { name: 'Project', tags: [CHANGELOG_TAG] },
  ];
  return { spec, stats };
}

function sample(label: SampleLabel, source: string): CodeSample {
  const language = SAMPLE_LANGUAGES.find((l) => l.label === label);
  return { lang: language?.lang ?? 'text', label, source };
}

export function throttleNote(seconds: number): string {
  return (
    `> **One call every ${seconds} seconds.** Reply rejects faster calls to this operation; ` +
    '`@replykit/client` spaces them for you.'
  );
}
