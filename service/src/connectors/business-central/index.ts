/**
 * The Business Central connector module: validates a connection's config, and builds its runtime (feeds,
 * idempotent writers, connection test, gauges) plus the webhook pieces the service mounts when the
 * connection has a notificationUrl.
 */
import type { ConnectionRuntime } from '../../engine/connections.ts';
import type { ChangeFeed, Writer } from '../../engine/types.ts';
import { ConfigError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ConnectionWithSecrets } from '../../store/types.ts';
import type { ConnectorModule } from '../registry.ts';
import { createBcAuth } from './auth.ts';
import { createBcClient, type BcClient } from './client.ts';
import { BC_SECRET_KEYS, checkBcConfig, parseBcConfig, type BcConfig } from './config.ts';
import { runConnectionTest } from './connection-test.ts';
import { FEED_ENTITIES, isFeedEntity, type BcFeedEntity } from './entities.ts';
import { createBcFeed } from './feed.ts';
import { createSubscriptionManager, type SubscriptionManager, type SubscriptionStore } from './subscriptions.ts';
import { createBcWebhookHandler, type BcNotificationBatch, type BcWebhookHandler } from './webhook.ts';
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

export interface BcConnectionRuntime extends ConnectionRuntime {
  readonly config: BcConfig;
  readonly client: BcClient;
  /** Entities watched through webhooks when notificationUrl is set. */
  readonly webhookEntities: BcFeedEntity[];
  /** The subscription manager over the service's store; undefined without notificationUrl (polling only). */
  createSubscriptionManager(store: SubscriptionStore, opts?: { keyPrefix?: string }): SubscriptionManager | undefined;
  /** The webhook endpoint logic; undefined without notificationUrl. */
  createWebhookHandler(onNotification: (batch: BcNotificationBatch) => Promise<void>): BcWebhookHandler | undefined;
}

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

export function createBcRuntime(connection: ConnectionWithSecrets, deps: { logger: Logger; now?: () => number }): BcConnectionRuntime {
  const config = parseBcConfig(configOf(connection), `connection "${connection.id}"`);
  const logger = deps.logger;
  const auth = createBcAuth(config, { logger, now: deps.now });
  const client = createBcClient(config, { logger, auth, now: deps.now });
  const webhookEntities: BcFeedEntity[] = [...FEED_ENTITIES];
  let manager: SubscriptionManager | undefined;

  return {
    id: connection.id,
    system: BC_SYSTEM,
    config,
    client,
    webhookEntities,

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

    test: () => runConnectionTest(config, auth, client, webhookEntities),

    gauges() {
      const s = client.stats();
      const health = manager?.health() ?? [];
      return {
        bc_requests_in_flight: s.inFlight,
        bc_requests_queued: s.queued,
        bc_request_window_used: s.windowUsed,
        bc_token_requests: s.tokenRequests,
        bc_subscriptions_healthy: health.filter((h) => h.ok).length,
        bc_subscriptions_failing: health.filter((h) => !h.ok).length,
      };
    },

    createSubscriptionManager(store, opts = {}) {
      if (!config.notificationUrl || !config.clientState) return undefined;
      manager = createSubscriptionManager(
        client,
        store,
        { notificationUrl: config.notificationUrl, clientState: config.clientState, companyId: config.companyId, entities: webhookEntities, keyPrefix: opts.keyPrefix ?? `bc-subscription:${connection.id}` },
        { logger, now: deps.now },
      );
      return manager;
    },

    createWebhookHandler(onNotification) {
      if (!config.notificationUrl || !config.clientState) return undefined;
      return createBcWebhookHandler({ clientState: config.clientState, companyId: config.companyId, onNotification, logger });
    },

    async close() {
      // Nothing pooled of our own: requests use undici's global dispatcher unless one was injected.
    },
  };
}

export const businessCentralModule: ConnectorModule = {
  system: BC_SYSTEM,
  secretKeys: BC_SECRET_KEYS,
  validate: (config, secrets) => checkBcConfig({ ...config, ...secrets }),
  create: (connection, deps) => createBcRuntime(connection, deps),
};

export { createBcAuth, type BcAuth } from './auth.ts';
export { createBcClient, type BatchOperation, type BatchResult, type BcClient, type BcPage } from './client.ts';
export { bcConfigSchema, checkBcConfig, parseBcConfig, type BcConfig, type BcConfigInput } from './config.ts';
export * from './entities.ts';
export { BC_FACTS, SUBSCRIPTION_MAINTAIN_INTERVAL_MS, SUBSCRIPTION_RENEW_BEFORE_MS } from './facts.ts';
export { createBcFeed, type BcCursor, type BcFeedOptions } from './feed.ts';
export { createSubscriptionManager, type EnsureResult, type SubscriptionHealth, type SubscriptionManager, type SubscriptionStore } from './subscriptions.ts';
export {
  answerValidation,
  createBcWebhookHandler,
  verifyNotification,
  type BcNotificationBatch,
  type BcRecordChange,
  type BcWebhookHandler,
  type WebhookInput,
  type WebhookResponse,
} from './webhook.ts';
export { createMasterDataWriter } from './writers/master-data-writer.ts';
export { createSalesDocumentWriter } from './writers/sales-document-writer.ts';
