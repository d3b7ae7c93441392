/**
 * The sandbox behind `npm start`: the GP SBA and Salesforce emulators, in-process, seeded with GP's sample company
 * (Fabrikam, Inc.), and the service configuration that points the flows at them. Fixed ports and credentials so
 * the README can name them and anyone can call the emulators through their own APIs.
 */
import type { ServiceConfigInput } from '../src/config/service-config.ts';
import type { Logger } from '../src/lib/logger.ts';
import { PACKAGE_SCHEMA } from '../src/connectors/salesforce/package-schema.generated.ts';
import { gpSandboxConnection, salesforceSandboxConnection, SANDBOX_GP_COMPANY } from './connection-entries.ts';
import { createGpSandbox, GP_SANDBOX_DEFAULT_USER, type GpSandbox } from './dynamics-gp/index.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from './salesforce/index.ts';
import { startBcSandbox, type RunningBcSandbox } from './start-bc-sandbox.ts';
import { seedGpOrderDemo } from './gp-salesforce-demo.ts';

/** The sandbox's admin API key (sandbox-only: ML_CONNECTOR_API_KEY overrides it). */
export const SANDBOX_API_KEY = 'sandbox-admin-key-0123456789abcdef';
export const SANDBOX_GP_PORT = 8790;
export const SANDBOX_SF_PORT = 8791;

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
  businessCentral: RunningBcSandbox;
  /** The service configuration for these emulators (plain sandbox secrets). */
  serviceConfig: ServiceConfigInput;
  /** Extra environment for env: references (none needed: sandbox secrets are not secret). */
  env: Record<string, string>;
  describe(): string[];
  /** Called once the service runs: demo activity that needs the flows (a Salesforce order for a synced GP customer). */
  afterServiceStarted(): void;
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
  // Business Central, the Salesforce Pub/Sub (CDC) emulator, and demo records for the BC ↔ Salesforce flows.
  const businessCentral = await startBcSandbox({
    logger: opts.logger,
    salesforce,
    host,
    flowIntervalMs: opts.flowIntervalMs,
    serviceUrl: `http://127.0.0.1:${process.env.PORT ?? 8787}`,
  });
  opts.logger.info({ gp: gp.url, salesforce: salesforce.url }, 'sandbox emulators started');

  const demoAbort = new AbortController();
  const serviceConfig: ServiceConfigInput = {
    connections: [
      gpSandboxConnection(gp),
      salesforceSandboxConnection(salesforce, { config: { changeFeed: businessCentral.salesforceChangeFeed } }),
      businessCentral.connection,
    ],
    flows: [
      {
        template: 'gp-customers-to-sf-accounts',
        connections: { source: 'gp', target: 'salesforce' },
        schedule: { intervalMs: opts.flowIntervalMs ?? 30_000 },
      },
      // Salesforce Orders → GP Work documents (CDC), and GP receivables / balances back; GL journals on revenue.
      ...[
        { template: 'sf-orders-to-gp-sales-documents', source: 'salesforce', target: 'gp' },
        { template: 'gp-receivables-to-sf-orders', source: 'gp', target: 'salesforce' },
        { template: 'gp-receivables-to-sf-opportunities', source: 'gp', target: 'salesforce' },
        { template: 'gp-receivables-to-sf-documents', source: 'gp', target: 'salesforce' },
        { template: 'gp-customer-balances-to-sf-accounts', source: 'gp', target: 'salesforce' },
        { template: 'sf-order-revenue-to-gp-gl', source: 'salesforce', target: 'gp' },
      ].map((f) => ({ template: f.template, connections: { source: f.source, target: f.target }, schedule: { intervalMs: opts.flowIntervalMs ?? 30_000 } })),
      ...businessCentral.flows,
    ],
  };

  return {
    gp,
    salesforce,
    businessCentral,
    serviceConfig,
    env: {},
    describe: () => [
      'Sandbox systems (emulators; call them through their own APIs):',
      `  Dynamics GP SBA  ${gp.url}/GPService/Tenants(${gp.tenant})/Companies(${encodeURIComponent(SANDBOX_GP_COMPANY)})/Sales/Customers`,
      `                   Windows/NTLM ${GP_SANDBOX_DEFAULT_USER.domain}\\${GP_SANDBOX_DEFAULT_USER.username} / ${GP_SANDBOX_DEFAULT_USER.password}`,
      `  Salesforce       ${salesforce.url}  (token: POST /services/oauth2/token, grant_type=client_credentials)`,
      `                   client_id ${salesforce.clientId} / client_secret ${salesforce.clientSecret}`,
      ...businessCentral.describe(),
    ],
    afterServiceStarted() {
      void seedGpOrderDemo(salesforce, opts.logger, demoAbort.signal).catch((err: unknown) => opts.logger.warn({ err: String(err) }, 'sandbox: the GP order demo could not be seeded'));
    },
    async stop() {
      demoAbort.abort();
      await businessCentral.stop();
      await Promise.allSettled([gp.stop(), salesforce.stop()]);
    },
  };
}
