import { stringify } from 'yaml';
import type { OpenApiDocument } from './openapi.js';

/**
 * YAML text of a document: no line folding, no anchors/aliases, keys in the document's own order.
 * Strings that YAML 1.1 readers would take for booleans or numbers (`yes`, `on`, `0x1F`) are quoted, so
 * 1.1 and 1.2 parsers read the same data.
 */
export function toYaml(document: OpenApiDocument): string {
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

/** JSON text of a document, two-space indented, ending with a newline. */
export function toJson(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
