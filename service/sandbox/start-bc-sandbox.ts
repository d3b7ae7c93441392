/**
 * The Business Central part of the `npm start` sandbox: the BC API v2.0 emulator seeded with its demo company, a
 * Salesforce Pub/Sub (CDC) emulator next to the lead's Salesforce REST emulator (the Salesforce-side flows read
 * Change Data Capture), demo records in Salesforce for those flows, and the config the service needs: the BC
 * connection (webhooks delivered to the local service), the `changeFeed` settings to merge into the Salesforce
 * connection, and every BC ↔ Salesforce flow entry.
 */
import { fileURLToPath } from 'node:url';
import type { ServiceConfigInput } from '../src/config/service-config.ts';
import { bcFlowEntries } from '../src/flows/bc-flow-templates.ts';
import type { Logger } from '../src/lib/logger.ts';
import { seedBcSalesforceDemo } from './bc-salesforce-demo.ts';
import { createBcSandbox, type BcSandbox } from './business-central/index.ts';
import type { SalesforceSandbox } from './salesforce/index.ts';
import { createPubSubEmulator, readChannelMembers, type PubSubEmulator } from './salesforce-pubsub/index.ts';

export const SANDBOX_BC_PORT = 8792;
export const SANDBOX_SF_PUBSUB_PORT = 8793;
/** Fixed sandbox identifiers, so the README and the banner can name them. */
export const SANDBOX_BC = {
  tenantId: '5f1d6c2e-3b7a-4c11-9d2e-8a6b0c4f7e21',
  environment: 'sandbox',
  companyId: '9c2f4b1a-6d3e-4f8a-b5c7-1e2d3f4a5b6c',
  clientId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
  clientSecret: 'sandbox-bc-client-secret',
  /** Echoed by BC in every notification; the sandbox value is not secret. */
  clientState: 'sandbox-bc-client-state-0123456789',
} as const;
const FORCE_APP = fileURLToPath(new URL('../../force-app/main/default', import.meta.url));

type ConnectionEntry = NonNullable<ServiceConfigInput['connections']>[number];
type FlowEntry = NonNullable<ServiceConfigInput['flows']>[number];

export interface BcSandboxStartOptions {
  logger: Logger;
  /** The Salesforce REST emulator the lead's sandbox started (demo records go into its org). */
  salesforce: SalesforceSandbox;
  /** Where the service listens, e.g. http://127.0.0.1:8787 — BC posts notifications to <serviceUrl>/webhooks/business-central/<id>. */
  serviceUrl: string;
  /** Id of the Salesforce connection in the sandbox config (default "salesforce"). */
  salesforceConnectionId?: string;
  /** Id of the BC connection (default "bc"). */
  connectionId?: string;
  host?: string;
  bcPort?: number;
  pubsubPort?: number;
  /** Poll interval of the BC ↔ Salesforce flows (webhooks and CDC make changes show sooner). */
  flowIntervalMs?: number;
  /** Leave the Salesforce org without the demo records. */
  seedSalesforce?: boolean;
}

export interface RunningBcSandbox {
  bc: BcSandbox;
  pubsub: PubSubEmulator;
  /** The BC connection entry for the service config. */
  connection: ConnectionEntry;
  /** Every BC ↔ Salesforce flow entry. */
  flows: FlowEntry[];
  /** Merge into the Salesforce connection's `config.changeFeed` (the CDC endpoint and the certificate to trust). */
  salesforceChangeFeed: Record<string, unknown>;
  describe(): string[];
  stop(): Promise<void>;
}

export async function startBcSandbox(opts: BcSandboxStartOptions): Promise<RunningBcSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const connectionId = opts.connectionId ?? 'bc';
  const { clientState, ...ids } = SANDBOX_BC;
  const bc = createBcSandbox({
    ...ids,
    host,
    port: opts.bcPort ?? Number(process.env.SANDBOX_BC_PORT ?? SANDBOX_BC_PORT),
    companyName: 'CRONUS USA, Inc.',
    seed: 'demo',
  });
  const pubsub = createPubSubEmulator({
    sandbox: opts.salesforce,
    channels: readChannelMembers(FORCE_APP),
    host,
    port: opts.pubsubPort ?? Number(process.env.SANDBOX_SF_PUBSUB_PORT ?? SANDBOX_SF_PUBSUB_PORT),
  });
  await bc.start();
  try {
    await pubsub.start();
  } catch (err) {
    await bc.stop();
    throw err;
  }
  // After the CDC emulator is listening, so the demo records' change events exist for the flows' first read.
  if (opts.seedSalesforce !== false) seedBcSalesforceDemo(opts.salesforce);
  opts.logger.info({ businessCentral: bc.url, pubsub: pubsub.endpoint }, 'business central sandbox started');

  const notificationUrl = `${opts.serviceUrl.replace(/\/+$/, '')}/webhooks/business-central/${connectionId}`;
  const connection: ConnectionEntry = {
    id: connectionId,
    system: 'business-central',
    name: 'Business Central sandbox (CRONUS USA, Inc.)',
    config: {
      tenantId: bc.tenantId,
      environment: bc.environment,
      companyId: bc.companyId,
      clientId: bc.clientId,
      authorityUrl: bc.url,
      apiBaseUrl: bc.url,
      notificationUrl,
      allowInsecureHttp: true,
    },
    secrets: { clientSecret: bc.clientSecret, clientState },
  };
  const salesforceChangeFeed = { pubsubEndpoint: pubsub.endpoint, caPem: pubsub.caPem, initialReplay: 'EARLIEST', settleMs: 500 };
  const flows = bcFlowEntries({ bc: connectionId, salesforce: opts.salesforceConnectionId ?? 'salesforce' }, { schedule: { intervalMs: opts.flowIntervalMs ?? 30_000 } });

  return {
    bc,
    pubsub,
    connection,
    flows,
    salesforceChangeFeed,
    describe: () => [
      `  Business Central ${bc.url}/v2.0/${bc.tenantId}/${bc.environment}/api/v2.0/companies(${bc.companyId})/salesOrders`,
      `                   token: POST ${bc.url}/${bc.tenantId}/oauth2/v2.0/token (client_credentials, client_id ${bc.clientId} / client_secret ${bc.clientSecret})`,
      `                   a BC user's actions: POST ${bc.url}/_sandbox/orders/<id>/ship-and-invoice, POST ${bc.url}/_sandbox/payments {"invoiceId","amount"}`,
      `                   webhooks to ${notificationUrl}`,
      `  Salesforce CDC   ${pubsub.endpoint} (Pub/Sub API, self-signed TLS)`,
    ],
    async stop() {
      await Promise.allSettled([pubsub.stop(), bc.stop()]);
    },
  };
}
