import type { RequestValidator, ValidationIssue } from '@replykit/mock-server';

/**
 * The contract check for unit tests (ADR 0026): every request an injected `observedFetch` sees is checked against
 * the curated spec with the mock server's own rules, after the file's tests, so checking never changes a test's
 * timing. `test/setup.ts` fails the file when a request broke the spec.
 */

/** One fetch's opt-out: why its requests may break the spec. */
export interface OffSpec {
  reason: string;
}

interface Sent {
  request: Request;
  offSpec: OffSpec | undefined;
}

const sent: Sent[] = [];
let checker:
  | Promise<{ validate: RequestValidator; describe: (issue: ValidationIssue) => string }>
  | undefined;

/** Loads the mock server's validator and compiles the spec on first use: files without requests pay nothing. */
function loadChecker() {
  checker ??= import('@replykit/mock-server').then(({ createRequestValidator, describeIssue }) => ({
    validate: createRequestValidator(),
    describe: describeIssue,
  }));
  return checker;
}

/** Keeps a copy of a request for the check; call it before the request's body is read. */
export function recordForContract(request: Request, offSpec: OffSpec | undefined): void {
  sent.push({ request: request.clone(), offSpec });
}

/**
 * Checks and forgets every recorded request. Returns one line per request that breaks the spec without an opt-out
 * (`METHOD path: issue; issue`), and one per opt-out that was not needed because all its requests were valid.
 */
export async function contractViolations(): Promise<string[]> {
  const batch = sent.splice(0);
  if (batch.length === 0) return [];
  const { validate, describe } = await loadChecker();
  // Each distinct violation once, with how often it was sent (a retried request repeats itself).
  const counts = new Map<string, number>();
  // Per opt-out: did any request it covers break the spec?
  const offSpecNeeded = new Map<OffSpec, boolean>();
  for (const { request, offSpec } of batch) {
    const result = await validate(request);
    if (offSpec !== undefined) {
      offSpecNeeded.set(offSpec, (offSpecNeeded.get(offSpec) ?? false) || !result.valid);
      continue;
    }
    if (result.valid) continue;
    const url = new URL(request.url);
    const line = `${request.method} ${url.pathname}${url.search}: ${result.issues.map(describe).join('; ')}`;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const violations = [...counts].map(([line, times]) =>
    times === 1 ? line : `${line} (sent ${times} times)`,
  );
  for (const [{ reason }, needed] of offSpecNeeded) {
    if (!needed)
      violations.push(`offSpec "${reason}" is not needed: every request it covers matches the spec`);
  }
  return violations;
}
