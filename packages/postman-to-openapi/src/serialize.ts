import { stringify } from 'yaml';
import type { OpenApiDocument } from './openapi.js';

/** YAML text of a document: no line folding, no anchors/aliases, keys in the document's own order. */
export function toYaml(document: OpenApiDocument): string {
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** JSON text of a document, two-space indented, ending with a newline. */
export function toJson(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
