/** The three semver classes a change can have, most severe first. */
export const LEVELS = ['major', 'minor', 'patch'] as const;
export type Level = (typeof LEVELS)[number];
export type Bump = Level | 'none';

/**
 * Every kind of change the classifier reports, with its class and its wording. The classes follow issue 6;
 * kinds the issue does not name are classified by what they do to callers of `@replykit/client` and users of
 * the `@replykit/types` exports (see docs/adr/0050-spec-diff-classifier.md).
 */
export const CHANGE_KINDS = {
  'operation-removed': { level: 'major', message: 'operation removed' },
  'operation-id-changed': { level: 'major', message: 'operationId changed' },
  'parameter-removed': { level: 'major', message: 'parameter removed' },
  'parameter-renamed': { level: 'major', message: 'parameter renamed' },
  'parameter-added-required': { level: 'major', message: 'required parameter added' },
  'parameter-became-required': { level: 'major', message: 'parameter became required' },
  'request-body-removed': { level: 'major', message: 'request body removed' },
  'request-body-became-required': { level: 'major', message: 'request body became required' },
  'request-media-type-removed': { level: 'major', message: 'request media type removed' },
  'request-field-removed': { level: 'major', message: 'request field removed' },
  'request-field-renamed': { level: 'major', message: 'request field renamed' },
  'request-field-added-required': { level: 'major', message: 'required request field added' },
  'request-field-became-required': { level: 'major', message: 'request field became required' },
  'request-type-changed': { level: 'major', message: 'request type changed' },
  'request-constraint-tightened': { level: 'major', message: 'request constraint tightened' },
  'response-removed': { level: 'major', message: 'response removed' },
  'response-media-type-removed': { level: 'major', message: 'response media type removed' },
  'response-field-removed': { level: 'major', message: 'response field removed' },
  'response-field-became-optional': { level: 'major', message: 'response field became optional' },
  'response-type-changed': { level: 'major', message: 'response type changed' },
  'response-header-removed': { level: 'major', message: 'response header removed' },
  'enum-value-removed': { level: 'major', message: 'enum value removed' },
  'security-changed': { level: 'major', message: 'security changed' },
  'server-removed': { level: 'major', message: 'server removed' },
  'component-removed': { level: 'major', message: 'component removed' },
  'unclassified-change': { level: 'major', message: 'unclassified change (review by hand)' },

  'operation-added': { level: 'minor', message: 'operation added' },
  'parameter-added': { level: 'minor', message: 'optional parameter added' },
  'parameter-became-optional': { level: 'minor', message: 'parameter became optional' },
  'request-body-added': { level: 'minor', message: 'optional request body added' },
  'request-body-became-optional': { level: 'minor', message: 'request body became optional' },
  'request-media-type-added': { level: 'minor', message: 'request media type added' },
  'request-field-added': { level: 'minor', message: 'optional request field added' },
  'request-field-became-optional': { level: 'minor', message: 'request field became optional' },
  'request-type-widened': { level: 'minor', message: 'request type widened' },
  'request-constraint-loosened': { level: 'minor', message: 'request constraint loosened' },
  'response-added': { level: 'minor', message: 'response added' },
  'response-media-type-added': { level: 'minor', message: 'response media type added' },
  'response-field-added': { level: 'minor', message: 'response field added' },
  'response-field-became-required': { level: 'minor', message: 'response field became required' },
  'response-header-added': { level: 'minor', message: 'response header added' },
  'enum-value-added': { level: 'minor', message: 'enum value added' },
  'default-changed': { level: 'minor', message: 'default value changed' },
  deprecated: { level: 'minor', message: 'marked deprecated' },
  'server-added': { level: 'minor', message: 'server added' },
  'component-added': { level: 'minor', message: 'component added' },

  'summary-changed': { level: 'patch', message: 'summary changed' },
  'description-changed': { level: 'patch', message: 'description changed' },
  'example-changed': { level: 'patch', message: 'example changed' },
  'documentation-changed': { level: 'patch', message: 'documentation changed' },
  'response-constraint-changed': { level: 'patch', message: 'response constraint changed' },
  'extension-changed': { level: 'patch', message: 'extension changed' },
} as const satisfies Record<string, { level: Level; message: string }>;

export type ChangeKind = keyof typeof CHANGE_KINDS;

export interface Change {
  kind: ChangeKind;
  level: Level;
  /** Where, e.g. `GET /v1/people › response 200 › people[].email`. */
  location: string;
  /** What exactly, e.g. `integer → string`; empty when the kind says it all. */
  detail: string;
}

export function change(kind: ChangeKind, location: string, detail = ''): Change {
  return { kind, level: CHANGE_KINDS[kind].level, location, detail };
}

/** The bump a list of changes needs: the most severe class present, or `none`. */
export function bumpOf(changes: readonly Change[]): Bump {
  for (const level of LEVELS) if (changes.some((c) => c.level === level)) return level;
  return 'none';
}

/** Most severe first; discovery order (document order) within a class. */
export function sortChanges(changes: readonly Change[]): Change[] {
  return LEVELS.flatMap((level) => changes.filter((c) => c.level === level));
}

/** What changed, in words: `response type changed: integer → string`. */
export function describeChange(c: Change): string {
  return c.detail ? `${CHANGE_KINDS[c.kind].message}: ${c.detail}` : CHANGE_KINDS[c.kind].message;
}

/** One line of the human-readable list: `major  GET /v1/people › response 200 › id — response field removed`. */
export function formatChange(c: Change): string {
  return `${c.level.padEnd(5)}  ${c.location} — ${describeChange(c)}`;
}
