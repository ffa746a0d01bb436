// OpenAPI Overlay 1.0 documents: loading, validation and an action-by-action model of how Redocly applies them.
// The model exists for the stale-curation guard: Redocly silently skips an action whose target matches nothing,
// so every target is evaluated here, with the JSONPath engine Redocly uses, against the document that action
// is applied to (the input plus every earlier action).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { exec } from 'jsonpath-rfc9535';
import { parse } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface OverlayAction {
  target: string;
  description: string;
  update?: Json;
  remove?: boolean;
}

export interface OverlayFile {
  /** Absolute path of the overlay file. */
  path: string;
  /** File name, e.g. `10-info.yaml`: the order key and what messages name. */
  file: string;
  actions: OverlayAction[];
}

export interface Warning {
  code: string;
  location: string;
  message: string;
}

export interface StaleAction {
  file: string;
  index: number;
  target: string;
  description: string;
}

/** A bad overlay: the message is one line naming the file (and action) and what is wrong. */
export class OverlayError extends Error {
  override name = 'OverlayError';
}

/** Overlay files are `NN-name.yaml` (two digits, then a name); they apply in file-name order. */
export const OVERLAY_FILE = /^\d\d-[a-z0-9][a-z0-9-]*\.ya?ml$/;

export function listOverlayFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => OVERLAY_FILE.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a YAML file of the overlay folder; throws OverlayError "`file`: `failure`: `first line of the cause`". */
export function readYamlFile(path: string, failure: string): unknown {
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new OverlayError(`${basename(path)}: ${failure}: ${reason}`);
  }
}

/** Reads and validates one Overlay 1.0 document; throws OverlayError naming file and action on bad input. */
export function loadOverlay(path: string): OverlayFile {
  const file = basename(path);
  const doc = readYamlFile(path, 'not valid YAML');
  if (!isObject(doc)) throw new OverlayError(`${file}: not an overlay document (expected a mapping)`);
  if (typeof doc.overlay !== 'string' || !/^1\.0\.\d+$/.test(doc.overlay)) {
    throw new OverlayError(`${file}: \`overlay\` must be an Overlay 1.0 version such as 1.0.0`);
  }
  if (!isObject(doc.info) || typeof doc.info.title !== 'string' || typeof doc.info.version !== 'string') {
    throw new OverlayError(`${file}: \`info\` needs a \`title\` and a \`version\``);
  }
  if (!Array.isArray(doc.actions) || doc.actions.length === 0) {
    throw new OverlayError(`${file}: \`actions\` must be a non-empty list`);
  }
  const actions = doc.actions.map((raw, index): OverlayAction => {
    const where = `${file}: action ${index + 1}`;
    if (!isObject(raw)) throw new OverlayError(`${where}: an action must be a mapping`);
    if (typeof raw.target !== 'string' || raw.target.trim() === '') {
      throw new OverlayError(`${where}: \`target\` must be a JSONPath expression`);
    }
    if (typeof raw.description !== 'string' || raw.description.trim() === '') {
      throw new OverlayError(`${where} (${raw.target}): every action needs a \`description\` saying why`);
    }
    const hasRemove = raw.remove === true;
    const hasUpdate = raw.update !== undefined;
    if (hasRemove === hasUpdate) {
      throw new OverlayError(`${where} (${raw.target}): needs exactly one of \`update\` or \`remove: true\``);
    }
    return hasRemove
      ? { target: raw.target, description: raw.description, remove: true }
      : { target: raw.target, description: raw.description, update: raw.update };
  });
  return { path, file, actions };
}

type Key = string | number;

/** Every node the target selects, as key paths from the root, without duplicates, in document order. */
export function select(document: Json, target: string): Key[][] {
  const seen = new Set<string>();
  const found: Key[][] = [];
  exec(document, target, (_value, path) => {
    const id = JSON.stringify(path);
    if (seen.has(id)) return;
    seen.add(id);
    found.push([...path]);
  });
  return found;
}

function at(document: Json, keys: Key[]): Json {
  // biome-ignore lint/suspicious/noExplicitAny: walking a JSON value by keys the JSONPath engine returned
  return keys.reduce<any>((node, key) => node[key], document);
}

const kind = (value: Json): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
const location = (keys: Key[]): string =>
  `$${keys.map((key) => (typeof key === 'number' ? `[${key}]` : `['${key}']`)).join('')}`;

/** Overlay 1.0 merge, as Redocly does it: objects recursively, arrays appended, primitives replaced. */
function merge(into: JsonObject, update: JsonObject, where: string): void {
  for (const [key, value] of Object.entries(update)) {
    const current = into[key];
    if (!Object.hasOwn(into, key) || current === undefined) into[key] = structuredClone(value);
    else if (isObject(current) && isObject(value)) merge(current, value, `${where}['${key}']`);
    else if (Array.isArray(current) && Array.isArray(value))
      into[key] = [...current, ...structuredClone(value)];
    else if (!isObject(current) && !Array.isArray(current) && !isObject(value) && !Array.isArray(value)) {
      into[key] = value;
    } else throw new OverlayError(`cannot apply ${kind(value)} to ${kind(current)} at ${where}['${key}']`);
  }
}

/** Applies one action to `document` in place; returns how many nodes its target matched (0 = stale). */
export function applyAction(document: JsonObject, action: OverlayAction): number {
  const matches = select(document, action.target);
  if (matches.length === 0) return 0;
  if (action.remove) {
    if (matches.some((keys) => keys.length === 0))
      throw new OverlayError('cannot remove the root of the document');
    // Highest array index first, so earlier removals do not shift later ones.
    const order = (key: Key | undefined) => (typeof key === 'number' ? key : -1);
    const removals = matches
      .map((keys) => ({ parent: at(document, keys.slice(0, -1)), key: keys[keys.length - 1] as Key }))
      .sort((a, b) => order(b.key) - order(a.key));
    for (const { parent, key } of removals) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else if (isObject(parent)) delete parent[key as string];
    }
    return matches.length;
  }
  const update = action.update as Json;
  const kinds = new Set(
    matches.map((keys) => kind(at(document, keys)).replace(/^(string|number|boolean|null)$/, 'primitive')),
  );
  if (kinds.size > 1)
    throw new OverlayError('the target must select only objects, only arrays, or only primitive values');
  for (const keys of matches) {
    const node = at(document, keys);
    if (Array.isArray(node))
      node.push(...(Array.isArray(update) ? structuredClone(update) : [structuredClone(update)]));
    else if (isObject(node)) {
      if (!isObject(update))
        throw new OverlayError(`cannot apply ${kind(update)} to object at ${location(keys)}`);
      merge(node, update, location(keys));
    } else {
      if (isObject(update) || Array.isArray(update)) {
        throw new OverlayError(`cannot apply ${kind(update)} to ${kind(node)} at ${location(keys)}`);
      }
      const parent = at(document, keys.slice(0, -1)) as JsonObject | Json[];
      (parent as Record<Key, Json>)[keys[keys.length - 1] as Key] = update;
    }
  }
  return matches.length;
}

export interface OverlayRun {
  /** The document after every action (the guard's model of what Redocly produces). */
  document: JsonObject;
  stale: StaleAction[];
  actions: number;
  /** Actions per overlay file name, in application order. */
  perFile: Record<string, number>;
}

/** Applies the overlays in order to a copy of `input`, recording every action whose target matched nothing. */
export function runOverlays(input: JsonObject, overlays: OverlayFile[]): OverlayRun {
  const document = structuredClone(input);
  const stale: StaleAction[] = [];
  const perFile: Record<string, number> = {};
  let actions = 0;
  for (const overlay of overlays) {
    perFile[overlay.file] = overlay.actions.length;
    overlay.actions.forEach((action, index) => {
      actions += 1;
      let matched: number;
      try {
        matched = applyAction(document, action);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new OverlayError(`${overlay.file}: action ${index + 1} (${action.target}): ${reason}`);
      }
      if (matched === 0) {
        stale.push({
          file: overlay.file,
          index: index + 1,
          target: action.target,
          description: action.description,
        });
      }
    });
  }
  return { document, stale, actions, perFile };
}
