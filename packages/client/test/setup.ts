import { afterAll, expect } from 'vitest';
import { contractViolations } from './contract.js';

// Every test file: the requests its injected fetches saw must match the curated spec (ADR 0026).
afterAll(async () => {
  expect(
    await contractViolations(),
    'requests sent through observedFetch that break the spec: fix the request, or opt out with observedFetch(handler, { offSpec: "why" })',
  ).toEqual([]);
});
