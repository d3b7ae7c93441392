/**
 * One GP connection, two transports: the factory hands out the SBA or the SOAP client for an entity
 * (`entityTransports[entity] ?? transport`), builds each lazily, and gives both the same politeness limiter —
 * the GP SQL server behind them is one (seeds 000/001: 2–5 in flight, 100–200 ms apart).
 */
import { createRequestBudget, type RequestBudgetStats } from '../../lib/http/request-budget.ts';
import type { NtlmPoolStats } from '../../lib/ntlm/ntlm-connection-pool.ts';
import { createGpClient, type GpClient, type GpClientDeps, type GpSbaClient } from './client.ts';
import { parseGpConnectionConfig, type GpConnectionConfig } from './config.ts';
import { createGpDocumentsClient } from './documents-client.ts';
import type { GlJournalTransport } from './writers/gl-journal-transport.ts';
import { createGpReceivablesClient } from './receivables-client.ts';
import type { SalesDocumentTransport } from './writers/sales-document-transport.ts';
import { createGpSoapClient, type GpSoapClient } from './soap/soap-client.ts';
import { createSoapGlJournals } from './soap/gl-journals-soap.ts';
import { createSoapSalesDocuments } from './soap/sales-orders-soap.ts';
import type { GpEntity, GpTransport } from './version-coverage.ts';

export interface GpClients {
  readonly config: GpConnectionConfig;
  transportFor(entity: GpEntity): GpTransport;
  /** The client serving an entity; the feed and the engine see only the GpClient interface. */
  forEntity(entity: GpEntity): GpClient;
  sba(): GpSbaClient;
  soap(): GpSoapClient;
  /** The sales-document writer's look-up/create/update calls on the transport of entity `salesOrders`. */
  salesDocuments(): SalesDocumentTransport;
  /** The GL journal writer's find-by-Reference/create calls on the transport of entity `glTransactions`. */
  glJournals(): GlJournalTransport;
  stats(): { limiter: RequestBudgetStats; pools: NtlmPoolStats[] };
  close(): Promise<void>;
}

export function createGpClients(input: GpConnectionConfig, deps: GpClientDeps): GpClients {
  const cfg = parseGpConnectionConfig(input);
  const limiter = deps.limiter ?? createRequestBudget({ maxConcurrent: cfg.maxConcurrent, minSpacingMs: cfg.minSpacingMs });
  let sbaClient: GpSbaClient | undefined;
  let soapClient: GpSoapClient | undefined;
  const sba = () => (sbaClient ??= createGpClient(cfg, { ...deps, limiter }));
  const soap = () => (soapClient ??= createGpSoapClient(cfg, { ...deps, limiter }));
  const transportFor = (entity: GpEntity): GpTransport => cfg.entityTransports[entity] ?? cfg.transport;
  return {
    config: cfg,
    transportFor,
    forEntity: (entity) => (transportFor(entity) === 'soap' ? soap() : sba()),
    sba,
    soap,
    salesDocuments: () => (transportFor('salesOrders') === 'soap' ? createSoapSalesDocuments(soap()) : createGpDocumentsClient(sba(), cfg.facts)),
    glJournals: () => (transportFor('glTransactions') === 'soap' ? createSoapGlJournals(soap()) : createGpReceivablesClient(sba(), cfg.facts)),
    stats: () => ({ limiter: limiter.stats(), pools: [sbaClient, soapClient].filter((c) => c !== undefined).map((c) => c.stats().pool) }),
    async close() {
      await Promise.all([sbaClient?.close(), soapClient?.close()]);
    },
  };
}
