/**
 * The sandbox behind `npm start`: the GP SBA and Salesforce emulators, in-process, seeded with GP's sample company
 * (Fabrikam, Inc.), and the service configuration that points the flows at them. Fixed ports and credentials so
 * the README can name them and anyone can call the emulators through their own APIs.
 */
import type { ServiceConfigInput } from '../src/config/service-config.ts';
import type { Logger } from '../src/lib/logger.ts';
import { PACKAGE_SCHEMA } from '../src/connectors/salesforce/package-schema.generated.ts';
import { createGpSandbox, GP_SANDBOX_DEFAULT_USER, type GpSandbox } from './dynamics-gp/index.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from './salesforce/index.ts';

/** The sandbox's admin API key (sandbox-only: ML_CONNECTOR_API_KEY overrides it). */
export const SANDBOX_API_KEY = 'sandbox-admin-key-0123456789abcdef';
export const SANDBOX_GP_PORT = 8790;
export const SANDBOX_SF_PORT = 8791;
const GP_COMPANY = 'Fabrikam, Inc.';

export interface SandboxOptions {
  logger: Logger;
  gpPort?: number;
  sfPort?: number;
  host?: string;
  /** Extra synthetic GP customers beyond Fabrikam's sample ones. */
  syntheticCustomers?: number;
  /** Emulated latency of each GP request. */
  gpLatencyMs?: number;
  /** Poll interval of the sandbox flows. */
  flowIntervalMs?: number;
}

export interface RunningSandbox {
  gp: GpSandbox;
  salesforce: SalesforceSandbox;
  /** The service configuration for these emulators (plain sandbox secrets). */
  serviceConfig: ServiceConfigInput;
  /** Extra environment for env: references (none needed: sandbox secrets are not secret). */
  env: Record<string, string>;
  describe(): string[];
  stop(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions): Promise<RunningSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const gpPort = opts.gpPort ?? Number(process.env.SANDBOX_GP_PORT ?? SANDBOX_GP_PORT);
  const sfPort = opts.sfPort ?? Number(process.env.SANDBOX_SF_PORT ?? SANDBOX_SF_PORT);
  const gp = createGpSandbox({
    host,
    port: gpPort,
    syntheticCustomers: opts.syntheticCustomers ?? 40,
    latency: { fixedMs: opts.gpLatencyMs ?? 20, jitterMs: 10 },
  });
  const salesforce = createSalesforceSandbox({ host, port: sfPort, customSchema: PACKAGE_SCHEMA });
  await gp.start();
  await salesforce.start();
  opts.logger.info({ gp: gp.url, salesforce: salesforce.url }, 'sandbox emulators started');

  const serviceConfig: ServiceConfigInput = {
    connections: [
      {
        id: 'gp',
        system: 'dynamics-gp',
        name: 'Dynamics GP sandbox (Fabrikam, Inc.)',
        config: {
          baseUrl: gp.url,
          tenant: gp.tenant,
          company: GP_COMPANY,
          domain: GP_SANDBOX_DEFAULT_USER.domain,
          username: GP_SANDBOX_DEFAULT_USER.username,
          maxConcurrent: 2,
          minSpacingMs: 150,
          allowInsecureHttp: true,
        },
        secrets: { password: GP_SANDBOX_DEFAULT_USER.password },
      },
      {
        id: 'salesforce',
        system: 'salesforce',
        name: 'Salesforce sandbox org',
        config: { loginUrl: salesforce.url, clientId: salesforce.clientId, allowInsecureHttp: true },
        secrets: { clientSecret: salesforce.clientSecret },
      },
    ],
    flows: [
      {
        template: 'gp-customers-to-sf-accounts',
        connections: { source: 'gp', target: 'salesforce' },
        schedule: { intervalMs: opts.flowIntervalMs ?? 30_000 },
      },
    ],
  };

  return {
    gp,
    salesforce,
    serviceConfig,
    env: {},
    describe: () => [
      'Sandbox systems (emulators; call them through their own APIs):',
      `  Dynamics GP SBA  ${gp.url}/GPService/Tenants(${gp.tenant})/Companies(${encodeURIComponent(GP_COMPANY)})/Sales/Customers`,
      `                   Windows/NTLM ${GP_SANDBOX_DEFAULT_USER.domain}\\${GP_SANDBOX_DEFAULT_USER.username} / ${GP_SANDBOX_DEFAULT_USER.password}`,
      `  Salesforce       ${salesforce.url}  (token: POST /services/oauth2/token, grant_type=client_credentials)`,
      `                   client_id ${salesforce.clientId} / client_secret ${salesforce.clientSecret}`,
    ],
    async stop() {
      await Promise.allSettled([gp.stop(), salesforce.stop()]);
    },
  };
}
