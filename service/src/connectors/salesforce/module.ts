/**
 * The Salesforce connection as the engine sees it: writers that upsert on External Ids, a connection test, and
 * the org's API budget as gauges.
 */
import { ConfigError, toConnectorError } from '../../lib/errors.ts';
import type { ConnectionCheck, ConnectionRuntime } from '../../engine/connections.ts';
import type { ConnectorModule } from '../registry.ts';
import { createSalesforceAuth } from './auth.ts';
import { createSalesforceChangeFeed, parseChangeFeedOptions, type SalesforceChangeFeed } from './change-feed/index.ts';
import { createSalesforceClient, type SalesforceClient } from './client.ts';
import { parseSalesforceConfig } from './config.ts';
import { detectNamespace } from './detect-namespace.ts';
import { PACKAGE_SCHEMA } from './package-schema.generated.ts';
import { createRelatedRecordsReader } from './related-records.ts';
import { createCollectionUpdateWriter, parseKeyVia } from './collection-update-writer.ts';
import { createUpsertWriter } from './upsert-writer.ts';

const SECRET_KEYS = ['clientSecret'] as const;

const clients = new WeakMap<ConnectionRuntime, SalesforceClient>();

/** The REST client behind a Salesforce connection (mappings stored in the org are read through it). */
export function salesforceClientOf(runtime: ConnectionRuntime): SalesforceClient {
  const client = clients.get(runtime);
  if (!client) throw new ConfigError([`connection "${runtime.id}" is not a Salesforce connection`]);
  return client;
}

function parse(config: Record<string, unknown>, secrets: Record<string, string>) {
  return parseSalesforceConfig({ ...config, clientSecret: secrets.clientSecret }, 'config');
}

export const salesforceModule: ConnectorModule = {
  system: 'salesforce',
  secretKeys: SECRET_KEYS,
  validate(config, secrets) {
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
  },
  create(connection, { logger }): ConnectionRuntime {
    const cfg = parse(connection.config, connection.secrets);
    const auth = createSalesforceAuth(cfg, { logger });
    const client = createSalesforceClient(cfg, { logger, auth });
    // One CDC subscription per flow, kept across runs (the stream and its buffer outlive a run).
    const feeds = new Map<string, SalesforceChangeFeed>();
    const runtime: ConnectionRuntime = {
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
              hooks?.onFallback?.(report.message, { channel: report.channel, reason: report.reason, entities: report.entities, records: report.records, deleted: report.deleted, sinceMs: report.sinceMs, untilMs: report.untilMs }, report.requestIds),
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
      async test(): Promise<ConnectionCheck[]> {
        const checks: ConnectionCheck[] = [];
        try {
          const described = await client.describe('Account');
          checks.push({ name: 'auth', ok: true, message: `signed in to ${cfg.loginUrl} with the client credentials flow (API v${cfg.apiVersion})` });
          const marker = 'GP_Customer_Number__c';
          const found = await detectNamespace(client, 'Account', marker);
          const expected = cfg.namespace ? `${cfg.namespace}__${marker}` : marker;
          if (found === undefined) {
            checks.push({ name: 'package', ok: false, message: `Account.${marker} is missing: deploy or install the ml-connector package, then assign its permission set to the integration user` });
          } else if (!described.fields.some((f) => f.name === expected)) {
            checks.push({ name: 'package', ok: false, message: `the package is installed with namespace "${found}" but this connection is configured with "${cfg.namespace}": set config.namespace to "${found}"` });
          } else {
            checks.push({ name: 'package', ok: true, message: `package fields found (namespace "${cfg.namespace || 'none'}", ${Object.keys(PACKAGE_SCHEMA.objects).length} objects)` });
          }
          const limits = client.limits();
          checks.push(
            limits
              ? { name: 'api-budget', ok: limits.remaining > 0, message: `${limits.remaining} of ${limits.max} daily API requests left` }
              : { name: 'api-budget', ok: true, message: 'the org did not report its API usage (no Sforce-Limit-Info header)' },
          );
        } catch (err) {
          const e = toConnectorError(err);
          const hint =
            e.category === 'auth'
              ? 'check the connected app: client credentials flow enabled, a "run as" user set, clientId/clientSecret right'
              : e.category === 'transient'
                ? `check that ${cfg.loginUrl} is reachable from this service`
                : 'check loginUrl (your My Domain URL) and apiVersion';
          checks.push({ name: e.category === 'auth' ? 'auth' : 'reach', ok: false, message: `${e.message} — ${hint}` });
        }
        return checks;
      },
      gauges(): Record<string, number> {
        const l = client.limits();
        return l ? { api_usage_used: l.used, api_usage_max: l.max } : {};
      },
      async close() {
        await Promise.allSettled([...feeds.values()].map((f) => f.close()));
        feeds.clear();
      },
    };
    clients.set(runtime, client);
    return runtime;
  },
};
