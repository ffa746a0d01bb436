import type { OpenApiDocument, OperationObject } from './openapi.js';

/**
 * The rule for which samples also show `reply.actAs(...)`: every operation in one of these tags. These are the
 * resources a team owner manages for its members with a Master API Key: their contacts and lists, their
 * campaigns and what is pushed into them, their statistics and their mailboxes.
 */
export const TEAM_TAGS = [
  'Contacts',
  'Lists',
  'Campaigns',
  'Actions',
  'Statistics',
  'Email Accounts',
] as const;

export function isTeamOperation(operation: OperationObject): boolean {
  return (operation.tags ?? []).some((tag) => (TEAM_TAGS as readonly string[]).includes(tag));
}

/** Team tags the spec does not have: a renamed tag must not silently drop the `actAs` samples. */
export function missingTeamTags(doc: OpenApiDocument): string[] {
  const names = new Set((doc.tags ?? []).map((tag) => tag.name));
  return TEAM_TAGS.filter((tag) => !names.has(tag));
}
