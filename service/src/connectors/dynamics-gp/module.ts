/**
 * The Dynamics GP connection as the engine sees it: the customers feed (more entities come with later flows),
 * a connection test and the limiter's live numbers.
 */
import { ConfigError, toConnectorError } from '../../lib/errors.ts';
import type { ConnectionCheck, ConnectionRuntime } from '../../engine/connections.ts';
import type { ConnectorModule } from '../registry.ts';
import { createGpClient } from './client.ts';
import { parseGpConnectionConfig } from './config.ts';
import { createGpCustomerFeed } from './customer-feed.ts';

const SECRET_KEYS = ['password'] as const;

function parse(config: Record<string, unknown>, secrets: Record<string, string>) {
  return parseGpConnectionConfig({ ...config, password: secrets.password }, 'config');
}

export const dynamicsGpModule: ConnectorModule = {
  system: 'dynamics-gp',
  secretKeys: SECRET_KEYS,
  validate(config, secrets) {
    try {
      parse(config, secrets);
      return [];
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.map((p) => p.replace(/^config\.password/, 'secrets.password'));
      throw err;
    }
  },
  create(connection, { logger }): ConnectionRuntime {
    const cfg = parse(connection.config, connection.secrets);
    const client = createGpClient(cfg, { logger });
    return {
      id: connection.id,
      system: 'dynamics-gp',
      feed(entity, options) {
        if (entity !== 'customers') throw new ConfigError([`connection "${connection.id}": Dynamics GP has no feed for "${entity}" yet (available: customers)`]);
        const initial = options.initialWatermark;
        if (initial !== undefined && (typeof initial !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(initial))) {
          throw new ConfigError([`flow source options.initialWatermark: must be a date (YYYY-MM-DD)`]);
        }
        return createGpCustomerFeed(client, { overlapDays: cfg.overlapDays, initialWatermark: initial });
      },
      writer(entity) {
        throw new ConfigError([`connection "${connection.id}": writing Dynamics GP ${entity} is not available in this build`]);
      },
      async test(): Promise<ConnectionCheck[]> {
        try {
          const { customers } = await client.listCustomers({ top: 1 });
          return [
            { name: 'auth', ok: true, message: `signed in to the GP Service as ${cfg.domain}\\${cfg.username} (NTLM)` },
            { name: 'company', ok: true, message: `company "${cfg.company}" in tenant ${cfg.tenant} is reachable` },
            { name: 'permission:customers', ok: true, message: `customers are readable (${customers.length === 0 ? 'none yet' : `e.g. ${customers[0]!.CustomerId}`})` },
          ];
        } catch (err) {
          const e = toConnectorError(err);
          const name = e.status === 403 ? 'permission:customers' : e.category === 'auth' ? 'auth' : e.status === 404 ? 'company' : 'reach';
          const hint =
            name === 'auth'
              ? 'check domain, username and password, and that the account maps to a GP user'
              : name === 'permission:customers'
                ? 'grant the GP user security access to Sales / Customers in this company'
                : name === 'company'
                  ? 'check tenant and company (the GP company name or its database name)'
                  : `check that ${cfg.baseUrl} is reachable from this service`;
          return [{ name, ok: false, message: `${e.message} — ${hint}` }];
        }
      },
      gauges() {
        const { limiter, pool } = client.stats();
        return { limiter_in_flight: limiter.inFlight, limiter_queued: limiter.queued, ntlm_handshakes: pool.handshakesCompleted };
      },
      close: () => client.close(),
    };
  },
};
