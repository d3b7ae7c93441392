/**
 * One Dynamics GP connection as the engine sees it: feeds by entity (customers by ModifiedDate, receivables and
 * balances), writers by target (sales documents, GL journals), the connection test and the limiter's live numbers.
 * GP has no push channel: every change is polled.
 */
import { ConfigError } from '../../lib/errors.ts';
import type { ConnectionCheck, ConnectionRuntime } from '../../engine/connections.ts';
import type { ConnectorDeps } from '../../engine/connector.ts';
import type { ConnectionWithSecrets } from '../../store/types.ts';
import type { ChangeFeed, Writer } from '../../engine/types.ts';
import type { GpClient } from './client.ts';
import { parseGpConnectionConfig } from './config.ts';
import { runGpConnectionTest } from './connection-test.ts';
import { createGpCustomerFeed } from './feeds/customer-feed.ts';
import { createSalesDocumentsTarget, SALES_DOCUMENTS_ENTITY } from './writers/sales-documents-target.ts';
import { createGpClients } from './gp-clients.ts';
import { createGlTransactionsTarget, GL_TRANSACTIONS_ENTITY } from './writers/gl-journal-writer.ts';
import { createReceivablesFeed, isReceivablesFeedEntity, RECEIVABLES_FEED_ENTITIES } from './feeds/receivables-feeds.ts';
import { createVersionGate } from './server-version.ts';

export const GP_SECRET_KEYS = ['password'] as const;

export function parseGpConnection(config: Record<string, unknown>, secrets: Record<string, string>) {
  return parseGpConnectionConfig({ ...config, password: secrets.password }, 'config');
}

function gateWriter(writer: Writer, check: () => Promise<void>): Writer {
  return { maxBatchSize: writer.maxBatchSize, write: async (items, o) => (await check(), writer.write(items, o)) };
}

function gateFeed<C>(feed: ChangeFeed<C>, check: () => Promise<void>): ChangeFeed<C> {
  return { ...feed, beginRun: (c) => feed.beginRun(c), read: async (c, o) => (await check(), feed.read(c, o)), ...(feed.get ? { get: async (id: string) => (await check(), feed.get!(id)) } : {}) };
}

export function createGpRuntime(connection: ConnectionWithSecrets, { logger }: ConnectorDeps): ConnectionRuntime {
  const cfg = parseGpConnection(connection.config, connection.secrets);
  // One client interface, two transports (SBA / SOAP), chosen per connection or per entity (gp-clients.ts);
  // the version gate refuses, at the first read, a flow the server's GP version cannot serve.
  const clients = createGpClients(cfg, { logger });
  const gate = createVersionGate(clients);
  const base = clients.forEntity('customers');
  const client: GpClient = {
    ...base,
    listCustomers: async (o) => (await gate.require('customers', 'read'), base.listCustomers(o)),
    getCustomer: async (id, o) => (await gate.require('customers', 'read'), base.getCustomer(id, o)),
  };
  return {
    id: connection.id,
    system: 'dynamics-gp',
    feed(entity, options) {
      if (isReceivablesFeedEntity(entity)) return gateFeed(createReceivablesFeed(entity, clients.sba(), cfg, options), () => gate.require('receivablesInvoices', 'read'));
      if (entity !== 'customers') throw new ConfigError([`connection "${connection.id}": Dynamics GP has no feed for "${entity}" yet (available: customers, ${RECEIVABLES_FEED_ENTITIES.join(', ')})`]);
      const initial = options.initialWatermark;
      if (initial !== undefined && (typeof initial !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(initial))) {
        throw new ConfigError([`flow source options.initialWatermark: must be a date (YYYY-MM-DD)`]);
      }
      return createGpCustomerFeed(client, { overlapDays: cfg.overlapDays, initialWatermark: initial });
    },
    writer(entity, _matchField, options) {
      // The same version gate as the reads: a GP version that lacks the operation refuses before anything is sent.
      // Sales orders go over the transport chosen for `salesOrders`; the gate checks that transport (transportFor).
      if (entity === SALES_DOCUMENTS_ENTITY) return gateWriter(createSalesDocumentsTarget(clients.sba(), cfg, options, clients.salesDocuments()), () => gate.require('salesOrders', 'create'));
      if (entity === GL_TRANSACTIONS_ENTITY) return gateWriter(createGlTransactionsTarget(clients.sba(), cfg, options, clients.glJournals()), () => gate.require('glTransactions', 'create'));
      throw new ConfigError([`connection "${connection.id}": writing Dynamics GP ${entity} is not available in this build`]);
    },
    test: (): Promise<ConnectionCheck[]> => runGpConnectionTest(clients, gate),
    gauges() {
      const { limiter, pools } = clients.stats();
      return { limiter_in_flight: limiter.inFlight, limiter_queued: limiter.queued, ntlm_handshakes: pools.reduce((n, p) => n + p.handshakesCompleted, 0) };
    },
    close: () => clients.close(),
  };
}
