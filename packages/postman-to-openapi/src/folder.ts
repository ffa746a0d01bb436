import type { AuthResult } from './auth.js';
import type { TagObject } from './openapi.js';
import { type RequestContext, type RequestVariant, readRequest } from './request.js';
import type { PostmanItem } from './types.js';
import { descriptionText } from './types.js';

/** How nested folders name tags: the innermost folder (`leaf`) or the whole chain (`Parent > Child`). */
export type TagNaming = 'leaf' | 'chain';

export const TAG_CHAIN_SEPARATOR = ' > ';

const NO_TAGS: readonly string[] = [];

/** Tags by name in first-seen order; a folder description becomes its tag's description. */
export class TagRegistry {
  readonly tags = new Map<string, TagObject>();

  add(name: string, description: string | undefined): void {
    const existing = this.tags.get(name);
    if (existing === undefined) {
      const tag: TagObject = { name };
      if (description) tag.description = description;
      this.tags.set(name, tag);
    } else if (existing.description === undefined && description) {
      existing.description = description;
    }
  }
}

export interface WalkContext extends RequestContext {
  tagNaming: TagNaming;
  tags: TagRegistry;
  variants: RequestVariant[];
}

function itemName(item: PostmanItem, index: number): string {
  return typeof item.name === 'string' && item.name.trim() !== '' ? item.name.trim() : `#${index + 1}`;
}

/**
 * Walk items depth-first in collection order. Folders pass on their name (as tag) and their auth;
 * requests become variants.
 */
export function walkItems(
  items: readonly PostmanItem[],
  path: readonly string[],
  tag: string | undefined,
  auth: AuthResult,
  context: WalkContext,
): void {
  const prefix = path.length === 0 ? '' : `${path.join(' / ')} / `;
  // One tag list per folder, shared by its requests (read only; the operation gets its own copy).
  const requestTags = tag === undefined ? NO_TAGS : [tag];
  items.forEach((item, index) => {
    if (item == null || typeof item !== 'object') return;
    const name = itemName(item, index);
    const location = prefix + name;
    if (Array.isArray(item.item)) {
      const folderTag =
        context.tagNaming === 'chain' && tag !== undefined ? `${tag}${TAG_CHAIN_SEPARATOR}${name}` : name;
      const folderAuth = item.auth ? context.security.read(item.auth, location) : auth;
      if (item.item.some((child) => child != null && !Array.isArray(child.item))) {
        context.tags.add(folderTag, descriptionText(item.description));
      }
      walkItems(item.item, [...path, name], folderTag, folderAuth, context);
      return;
    }
    if (item.request === undefined) return;
    const variant = readRequest(item, location, requestTags, auth, context);
    if (variant) context.variants.push(variant);
  });
}
