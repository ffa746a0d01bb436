import { type Change, change } from './change.js';
import { type OperationEntry, type SpecDocument, same } from './document.js';
import { compareDocs, compareRest, DOC_KEYS } from './fallback.js';
import { compareParameters } from './parameters.js';
import { compareRequestBody } from './request-body.js';
import { compareResponses } from './responses.js';
import { effectiveSecurity } from './security.js';
import { compareServers } from './servers.js';

const HANDLED = new Set([
  ...DOC_KEYS,
  'operationId',
  'tags',
  'parameters',
  'requestBody',
  'responses',
  'security',
  'servers',
]);

export function compareOperation(
  out: Change[],
  base: SpecDocument,
  head: SpecDocument,
  b: OperationEntry,
  h: OperationEntry,
): void {
  const location = `${h.method} ${h.path}`;
  const bo = b.operation;
  const ho = h.operation;
  if (!same(bo.operationId, ho.operationId)) {
    out.push(
      change('operation-id-changed', location, `${String(bo.operationId)} → ${String(ho.operationId)}`),
    );
  }
  compareDocs(out, location, bo, ho);
  if (!same(bo.tags, ho.tags)) out.push(change('documentation-changed', location, 'tags'));
  const bs = effectiveSecurity(base, bo);
  const hs = effectiveSecurity(head, ho);
  if (bs !== hs) out.push(change('security-changed', location, `${bs} → ${hs}`));
  const sides = {
    base,
    head,
    basePath: b.path,
    headPath: h.path,
    baseItem: b.pathItem,
    headItem: h.pathItem,
    baseOperation: bo,
    headOperation: ho,
    location,
    out,
  };
  compareParameters(sides);
  compareRequestBody(sides);
  compareResponses(sides);
  compareServers(out, location, bo.servers, ho.servers);
  compareRest(out, location, bo, ho, HANDLED);
}
