import type { PostmanVariable } from './types.js';

/** Collection variables by name; only variables with a non-empty value are kept. */
export type VariableValues = ReadonlyMap<string, string>;

export function readVariables(variables: readonly PostmanVariable[] | undefined): Map<string, string> {
  const values = new Map<string, string>();
  if (!Array.isArray(variables)) return values;
  for (const variable of variables) {
    if (variable == null || typeof variable !== 'object' || variable.disabled) continue;
    const name = variable.key ?? variable.id;
    if (typeof name !== 'string' || name === '') continue;
    const value = variable.value;
    if (value === undefined || value === null || value === '') continue;
    values.set(name, typeof value === 'string' ? value : String(value));
  }
  return values;
}

const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

/** The names of the `{{variables}}` used in a string, in order of appearance. */
export function placeholderNames(text: string): string[] {
  const names: string[] = [];
  if (!text.includes('{{')) return names;
  for (const match of text.matchAll(PLACEHOLDER)) names.push((match[1] as string).trim());
  return names;
}

/**
 * Replace `{{name}}` with the variable's value where it has one. Values may themselves hold placeholders,
 * so resolution repeats a bounded number of times (cycles stop there instead of looping).
 */
export function resolveVariables(text: string, values: VariableValues): string {
  if (values.size === 0 || !text.includes('{{')) return text;
  let current = text;
  for (let round = 0; round < 8 && current.includes('{{'); round++) {
    const next = current.replace(PLACEHOLDER, (whole, name: string) => values.get(name.trim()) ?? whole);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** `{{name}}` → `{name}`, the OpenAPI templating syntax. */
export function toTemplate(text: string): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => `{${name.trim()}}`);
}
