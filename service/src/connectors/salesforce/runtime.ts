/**
 * One Salesforce connection as the engine sees it: change feeds (CDC over the Pub/Sub API, one subscription per
 * flow), writers that upsert on External Ids or update by Id in sObject Collections, related-record reads, the
 * mapping rows admins edit in the org, the connection test, and the org's API budget as gauges.
 */
import type { ConnectorDeps } from '../../engine/connector.ts';
import type { ConnectionRuntime } from '../../engine/connections.ts';
import { ConfigError } from '../../lib/errors.ts';
import type { ConnectionWithSecrets } from '../../store/types.ts';
import { createSalesforceAuth } from './auth.ts';
import { createSalesforceClient } from './client.ts';
import { parseSalesforceConfig } from './config.ts';
import { runSalesforceConnectionTest } from './connection-test.ts';
import { createSalesforceChangeFeed, type SalesforceChangeFeed } from './feeds/change-feed.ts';
import { parseChangeFeedOptions } from './feeds/feed-options.ts';
import { createSalesforceMappingOverrides } from './mapping-overrides.ts';
import { createRelatedRecordsReader } from './related-records.ts';
import { createCollectionUpdateWriter, parseKeyVia } from './writers/collection-update-writer.ts';
import { createUpsertWriter } from './writers/upsert-writer.ts';

export const SALESFORCE_SECRET_KEYS = ['clientSecret'] as const;

function parse(config: Record<string, unknown>, secrets: Record<string, string>) {
  return parseSalesforceConfig({ ...config, clientSecret: secrets.clientSecret }, 'config');
}

/** Problems with a connection's config and secrets, each naming its field. */
export function checkSalesforceConnection(config: Record<string, unknown>, secrets: Record<string, string>): string[] {
  const problems: string[] = [];
  try {
    parse(config, secrets);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems.map((p) => p.replace(/^config\.clientSecret/, 'secrets.clientSecret')));
  }
  if (config.changeFeed !== undefined) {
    try {
      // Entities come from each flow; a placeholder lets the rest of the options be checked at boot.
      parseChangeFeedOptions({ ...(config.changeFeed as object), entities: ['Account'] }, 'config.changeFeed');
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.problems);
    }
  }
  return problems;
}

export function createSalesforceRuntime(connection: ConnectionWithSecrets, { logger }: ConnectorDeps): ConnectionRuntime {
  const cfg = parse(connection.config, connection.secrets);
  const auth = createSalesforceAuth(cfg, { logger });
  const client = createSalesforceClient(cfg, { logger, auth });
  // One CDC subscription per flow, kept across runs (the stream and its buffer outlive a run).
  const feeds = new Map<string, SalesforceChangeFeed>();
  return {
    id: connection.id,
    system: 'salesforce',
    feed(entity, options, hooks) {
      const key = `${hooks?.key ?? entity}:${entity}`;
      const existing = feeds.get(key);
      if (existing) return existing;
      const changeFeed = (connection.config.changeFeed ?? {}) as Record<string, unknown>;
      const feed = createSalesforceChangeFeed(
        { ...changeFeed, ...options, entities: [entity] },
        {
          client,
          auth,
          logger: logger.child({ feed: key }),
          onFallback: (report) =>
            hooks?.onFallback?.(
              report.message,
              { channel: report.channel, reason: report.reason, entities: report.entities, records: report.records, deleted: report.deleted, sinceMs: report.sinceMs, untilMs: report.untilMs },
              report.requestIds,
            ),
        },
      );
      feeds.set(key, feed);
      return feed;
    },
    writer(entity, matchField, options) {
      // `Id`: update records the flow found through a link (no External Id on them), with sObject Collections
      // update, ≤200 records a call (optionally keyed via a parent: keyVia). Otherwise upsert on the External Id.
      if (matchField === 'Id') return createCollectionUpdateWriter(client, { sobject: entity, keyVia: parseKeyVia(options.keyVia, 'target.options') });
      return createUpsertWriter(client, { sobject: entity, externalIdField: matchField });
    },
    related: createRelatedRecordsReader(client),
    mappingOverrides: createSalesforceMappingOverrides(client),
    test: () => runSalesforceConnectionTest(cfg, client),
    gauges(): Record<string, number> {
      const l = client.limits();
      return l ? { api_usage_used: l.used, api_usage_max: l.max } : {};
    },
    async close() {
      await Promise.allSettled([...feeds.values()].map((f) => f.close()));
      feeds.clear();
    },
  };
}
