/**
 * One Business Central connection as the engine sees it: feeds over lastModifiedDateTime, idempotent writers,
 * the connection test, gauges, and — when the connection has a notificationUrl — the push face (webhook
 * notifications and the subscriptions that make BC send them).
 */
import type { ConnectorDeps } from '../../engine/connector.ts';
import type { ConnectionRuntime } from '../../engine/connections.ts';
import type { ChangeFeed, Writer } from '../../engine/types.ts';
import { ConfigError } from '../../lib/errors.ts';
import type { ConnectionWithSecrets } from '../../store/types.ts';
import { createBcAuth } from './auth.ts';
import { createBcClient } from './client.ts';
import { parseBcConfig } from './config.ts';
import { runConnectionTest } from './connection-test.ts';
import { FEED_ENTITIES, isFeedEntity } from './entities.ts';
import { createBcFeed } from './feeds/last-modified-feed.ts';
import { createBcPushFace, type BcPushFace } from './webhook.ts';
import { createMasterDataWriter } from './writers/master-data-writer.ts';
import { createSalesDocumentWriter } from './writers/sales-document-writer.ts';

export const BC_SYSTEM = 'business-central';

/** Which writer takes which match field. */
const WRITERS: Record<string, string> = {
  customers: 'number',
  items: 'number',
  salesOrders: 'externalDocumentNumber',
  salesInvoices: 'externalDocumentNumber',
};

function configOf(connection: Pick<ConnectionWithSecrets, 'config' | 'secrets'>): Record<string, unknown> {
  return { ...connection.config, ...connection.secrets };
}

function feedOptions(entity: string, options: Record<string, unknown>): { overlapMs?: number; filter?: string } {
  const { overlapMs, filter, ...rest } = options;
  const problems = Object.keys(rest).map((k) => `feed(${entity}).options.${k}: unknown option (known: overlapMs, filter)`);
  if (overlapMs !== undefined && (typeof overlapMs !== 'number' || overlapMs < 0)) problems.push(`feed(${entity}).options.overlapMs: must be a non-negative number of milliseconds`);
  if (filter !== undefined && typeof filter !== 'string') problems.push(`feed(${entity}).options.filter: must be an OData $filter string`);
  if (problems.length) throw new ConfigError(problems);
  return { overlapMs: overlapMs as number | undefined, filter: filter as string | undefined };
}

export function createBcRuntime(connection: ConnectionWithSecrets, deps: ConnectorDeps): ConnectionRuntime {
  const config = parseBcConfig(configOf(connection), `connection "${connection.id}"`);
  const logger = deps.logger;
  const auth = createBcAuth(config, { logger, now: deps.now });
  const client = createBcClient(config, { logger, auth, now: deps.now });
  // Webhooks when BC has somewhere to post them (and a secret to prove them with); else flows poll only.
  const push: BcPushFace | undefined =
    config.notificationUrl && config.clientState
      ? createBcPushFace({ client, notificationUrl: config.notificationUrl, clientState: config.clientState, companyId: config.companyId, entities: FEED_ENTITIES, logger })
      : undefined;

  return {
    id: connection.id,
    system: BC_SYSTEM,
    ...(push ? { push } : {}),

    feed(entity, options): ChangeFeed {
      if (!isFeedEntity(entity)) throw new ConfigError([`feed: unknown Business Central entity "${entity}"; known: ${FEED_ENTITIES.join(', ')}`]);
      return createBcFeed(client, entity, feedOptions(entity, options)) as ChangeFeed;
    },

    writer(entity, matchField, options): Writer {
      const expected = WRITERS[entity];
      if (!expected) throw new ConfigError([`writer: Business Central cannot write "${entity}"; known: ${Object.keys(WRITERS).join(', ')}`]);
      if (matchField !== expected) throw new ConfigError([`writer(${entity}): match field must be "${expected}", got "${matchField}"`]);
      if (entity === 'customers' || entity === 'items') {
        if (Object.keys(options).length > 0) throw new ConfigError([`writer(${entity}): takes no options`]);
        return createMasterDataWriter(client, entity, { logger });
      }
      const { post, ...rest } = options;
      const problems = Object.keys(rest).map((k) => `writer(${entity}).options.${k}: unknown option`);
      if (post !== undefined && (typeof post !== 'boolean' || entity !== 'salesInvoices')) problems.push(`writer(${entity}).options.post: a boolean, for salesInvoices only`);
      if (problems.length) throw new ConfigError(problems);
      return createSalesDocumentWriter(client, entity as 'salesOrders' | 'salesInvoices', { post: post === true }, { logger });
    },

    test: () => runConnectionTest(config, auth, client, FEED_ENTITIES),

    gauges() {
      const s = client.stats();
      const health = push?.health() ?? [];
      return {
        bc_requests_in_flight: s.inFlight,
        bc_requests_queued: s.queued,
        bc_request_window_used: s.windowUsed,
        bc_token_requests: s.tokenRequests,
        bc_subscriptions_healthy: health.filter((h) => h.ok).length,
        bc_subscriptions_failing: health.filter((h) => !h.ok).length,
      };
    },

    async close() {
      // Nothing pooled of our own: requests use undici's global dispatcher unless one was injected.
    },
  };
}
