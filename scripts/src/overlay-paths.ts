// Canonical paths: the last curation step, after every overlay, because Overlay 1.0 cannot rename object keys.
// spec/overlays/paths.yaml maps raw paths to canonical ones; only the letter case of literal segments and the
// names of {placeholders} may change, and path parameters are renamed with their placeholders.
import { basename } from 'node:path';
import { type Json, type JsonObject, OverlayError, readYamlFile } from './overlay.js';

export interface PathRename {
  raw: string;
  canonical: string;
  why: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PLACEHOLDER = /^\{([^{}]+)\}$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Placeholder renames implied by one entry (`{id}` → `{scheduleId}`); throws when more than case/names differ. */
export function placeholderRenames(rename: PathRename, where: string): Map<string, string> {
  const from = rename.raw.split('/');
  const to = rename.canonical.split('/');
  if (from.length !== to.length)
    throw new OverlayError(`${where}: ${rename.raw} → ${rename.canonical} changes the number of segments`);
  const names = new Map<string, string>();
  from.forEach((segment, i) => {
    const other = to[i] as string;
    const a = PLACEHOLDER.exec(segment);
    const b = PLACEHOLDER.exec(other);
    if (a && b) {
      if (a[1] !== b[1]) names.set(a[1] as string, b[1] as string);
    } else if (a || b || segment.toLowerCase() !== other.toLowerCase()) {
      throw new OverlayError(
        `${where}: ${rename.raw} → ${rename.canonical} changes segment "${segment}" beyond letter case`,
      );
    }
  });
  return names;
}

/** Reads and checks the raw → canonical table. */
export function loadPathTable(path: string): PathRename[] {
  const file = basename(path);
  const doc = readYamlFile(path, 'cannot read the path table');
  if (!isObject(doc) || !Array.isArray(doc.paths))
    throw new OverlayError(`${file}: expected a \`paths\` list`);
  const seen = new Set<string>();
  return doc.paths.map((entry, index) => {
    const where = `${file}: entry ${index + 1}`;
    if (!isObject(entry) || typeof entry.raw !== 'string' || typeof entry.canonical !== 'string') {
      throw new OverlayError(`${where}: needs \`raw\` and \`canonical\` paths`);
    }
    if (typeof entry.why !== 'string' || entry.why.trim() === '')
      throw new OverlayError(`${where} (${entry.raw}): needs a \`why\``);
    if (seen.has(entry.raw)) throw new OverlayError(`${where}: ${entry.raw} is listed twice`);
    seen.add(entry.raw);
    const rename = { raw: entry.raw, canonical: entry.canonical, why: entry.why };
    placeholderRenames(rename, where);
    return rename;
  });
}

/** The canonical form of a raw path (unchanged when the table does not list it). */
export function canonicalPath(raw: string, table: PathRename[]): string {
  return table.find((entry) => entry.raw === raw)?.canonical ?? raw;
}

function renameParameters(parameters: Json | undefined, names: Map<string, string>): void {
  if (!Array.isArray(parameters)) return;
  for (const parameter of parameters) {
    if (isObject(parameter) && parameter.in === 'path' && typeof parameter.name === 'string') {
      const renamed = names.get(parameter.name);
      if (renamed) parameter.name = renamed;
    }
  }
}

export interface CanonicalizeResult {
  document: JsonObject;
  /** Table entries whose raw path is not in the document. */
  stale: PathRename[];
  renamed: number;
}

/**
 * Renames path keys (keeping their order; a merged path takes the place of its first raw path) and the path
 * parameters of renamed placeholders. Two raw paths that become one are merged; a method defined by both fails.
 */
export function canonicalizePaths(input: JsonObject, table: PathRename[]): CanonicalizeResult {
  const document = structuredClone(input);
  const paths = document.paths;
  if (!isObject(paths)) return { document, stale: [...table], renamed: 0 };
  const stale = table.filter((entry) => !Object.hasOwn(paths, entry.raw));
  const result: JsonObject = {};
  let renamed = 0;
  for (const [raw, item] of Object.entries(paths)) {
    const entry = table.find((candidate) => candidate.raw === raw);
    const target = entry?.canonical ?? raw;
    if (!isObject(item)) {
      result[target] = item;
      continue;
    }
    if (entry) {
      renamed += 1;
      const names = placeholderRenames(entry, 'paths.yaml');
      renameParameters(item.parameters, names);
      for (const method of METHODS) {
        const operation = item[method];
        if (isObject(operation)) renameParameters(operation.parameters, names);
      }
    }
    const existing = result[target];
    if (!isObject(existing)) {
      result[target] = item;
      continue;
    }
    for (const [key, value] of Object.entries(item)) {
      if (!Object.hasOwn(existing, key)) existing[key] = value;
      else if (key === 'parameters' && Array.isArray(value) && Array.isArray(existing.parameters)) {
        // The same parameter declared on both raw path items: the first raw path's declaration wins.
        const id = (p: Json) =>
          isObject(p) ? `${String(p.in)}:${String(p.name ?? p.$ref)}` : JSON.stringify(p);
        const have = new Set(existing.parameters.map(id));
        existing.parameters.push(...value.filter((p) => !have.has(id(p))));
      } else if (JSON.stringify(existing[key]) !== JSON.stringify(value)) {
        throw new OverlayError(`paths.yaml: ${raw} and another raw path both define \`${key}\` of ${target}`);
      }
    }
  }
  document.paths = result;
  return { document, stale, renamed };
}
