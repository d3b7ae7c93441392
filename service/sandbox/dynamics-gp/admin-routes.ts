/**
 * Sandbox-only control routes under `/_sandbox/` (no Windows auth; never part of a real GP). Each one mirrors
 * a JS method of the sandbox so tests and the console can drive the emulator the same way.
 */
import { z } from 'zod';
import { parseBody } from './admin-body.ts';
import { handleDocumentsAdminRequest } from './documents-admin-routes.ts';
import { handleLedgerAdminRequest } from './ledger-admin.ts';
import { handlePurchasingAdminRequest } from './purchasing-admin-routes.ts';
import type { FaultSpec } from './faults.ts';
import type { GpSandbox } from './gp-sandbox.ts';
import { SbaError, notFound } from './sba-error.ts';

const faultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(400).max(599),
    retryAfterSeconds: z.number().int().min(0).optional(),
    message: z.string().optional(),
    count: z.number().int().positive().optional(),
    pathIncludes: z.string().optional(),
  }),
  z.object({ kind: z.literal('drop'), count: z.number().int().positive().optional(), pathIncludes: z.string().optional() }),
  z.object({
    kind: z.literal('lose-response'),
    count: z.number().int().positive().optional(),
    pathIncludes: z.string().optional(),
    method: z.enum(['GET', 'POST', 'PATCH', 'DELETE']).optional(),
  }),
  z.object({
    kind: z.literal('slow'),
    delayMs: z.number().int().min(0).max(600_000),
    count: z.number().int().positive().optional(),
    pathIncludes: z.string().optional(),
  }),
]);
const clockSchema = z.object({
  now: z.union([z.string(), z.null()]).optional(),
  advanceMs: z.number().int().optional(),
  utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
});
const generateSchema = z.object({
  count: z.number().int().min(0).max(100_000),
  seed: z.number().int().optional(),
  modifiedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  spreadDays: z.number().int().min(1).max(3650).optional(),
});
const limitsSchema = z.object({
  maxConcurrent: z.number().int().min(1).optional(),
  minSpacingMs: z.number().min(0).optional(),
  spacingToleranceMs: z.number().min(0).optional(),
  overLimitStatus: z.union([z.literal(503), z.literal(429)]).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
});
const latencySchema = z.object({ fixedMs: z.number().min(0), jitterMs: z.number().min(0) });

export interface AdminResponse {
  status: number;
  body: unknown;
}

export function handleAdminRequest(sandbox: GpSandbox, method: string, pathname: string, body: string): AdminResponse {
  const parts = pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const route = `${method} ${parts.join('/')}`;
  if (route === 'GET counters') return { status: 200, body: sandbox.counters() };
  if (route === 'POST counters/reset') {
    sandbox.resetCounters();
    return { status: 200, body: sandbox.counters() };
  }
  if (route === 'GET faults') return { status: 200, body: sandbox.pendingFaults() };
  if (route === 'POST faults') {
    sandbox.injectFault(parseBody(faultSchema, body) as FaultSpec);
    return { status: 201, body: sandbox.pendingFaults() };
  }
  if (route === 'DELETE faults') {
    sandbox.clearFaults();
    return { status: 200, body: [] };
  }
  if (route === 'GET clock') return { status: 200, body: sandbox.clock.state() };
  if (route === 'PUT clock') return { status: 200, body: sandbox.setClock(parseBody(clockSchema, body)) };
  if (route === 'PUT limits') return { status: 200, body: sandbox.configureLimits(parseBody(limitsSchema, body)) };
  if (route === 'PUT latency') return { status: 200, body: sandbox.setLatency(parseBody(latencySchema, body)) };
  if (parts[0] === 'companies' && parts[2] === 'customers') {
    const company = parts[1]!;
    if (method === 'POST' && parts[3] === 'generate' && parts.length === 4) {
      const ids = sandbox.generateCustomers({ ...parseBody(generateSchema, body), company });
      return { status: 201, body: { generated: ids.length, first: ids[0] ?? null, last: ids[ids.length - 1] ?? null } };
    }
    if (parts.length === 4 && method === 'GET') {
      const c = sandbox.getCustomer(parts[3]!, company);
      if (!c) throw notFound('EntityNotFound', `customer ${parts[3]} not found`);
      return { status: 200, body: c };
    }
    if (parts.length === 4 && method === 'PATCH') {
      return { status: 200, body: sandbox.editCustomer(parts[3]!, parseBody(z.record(z.string(), z.unknown()), body), company) };
    }
  }
  const documents = handleDocumentsAdminRequest(sandbox.documents, method, parts, body);
  if (documents) return documents;
  const purchasing = handlePurchasingAdminRequest(sandbox.purchasing, method, parts, body) ?? handleLedgerAdminRequest(sandbox.ledger, method, parts, body);
  if (purchasing) return purchasing;
  throw new SbaError(404, 'NotFound', `no sandbox route ${method} ${pathname}`);
}
