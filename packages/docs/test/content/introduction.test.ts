import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listOperations, type OpenApiDocument } from '../../src/openapi.js';
import { TEAM_TAGS } from '../../src/team-operations.js';
import { curatedSpecPath, PACKAGE_ROOT } from '../helpers/paths.js';

const introduction = readFileSync(join(PACKAGE_ROOT, 'src/content/introduction.md'), 'utf8');
const spec = parse(readFileSync(curatedSpecPath(), 'utf8')) as OpenApiDocument;

/** The introduction is hand-written; these checks keep its facts in step with the spec and the code. */
describe('the introduction', () => {
  it('states the monthly quota the spec declares', () => {
    const quota = spec.info['x-reply-monthly-quota'];
    expect(typeof quota).toBe('number');
    expect(introduction).toContain(`${(quota as number).toLocaleString('en-US')} calls per month`);
  });

  it('states the throttling interval the spec uses', () => {
    const seconds = new Set(
      listOperations(spec)
        .map((o) => o.operation['x-reply-throttle-seconds'])
        .filter((value) => value !== undefined),
    );
    expect([...seconds].length).toBeGreaterThan(0);
    for (const value of seconds) expect(introduction).toContain(`every ${value} seconds`);
  });

  it('names every team tag whose samples show actAs', () => {
    for (const tag of TEAM_TAGS) expect(introduction.toLowerCase()).toContain(tag.toLowerCase());
  });

  it.each([
    ['Getting started'],
    ['Authentication'],
    ['Limits'],
    ['Errors'],
    ['Retries and timeouts'],
    ['Pagination'],
    ['Testing with the mock server'],
  ])('has the section "%s" (one sidebar entry each)', (heading) => {
    expect(introduction).toMatch(new RegExp(`^# ${heading}$`, 'm'));
  });
});
