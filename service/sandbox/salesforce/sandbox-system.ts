/**
 * Salesforce in the sandbox: the REST emulator (the package's schema installed) and, beside it, the Pub/Sub API
 * emulator that streams Change Data Capture on the package's channel; the Salesforce connection entry reads CDC
 * from it (trusting its generated certificate).
 */
import { fileURLToPath } from 'node:url';
import { PACKAGE_SCHEMA } from '../../src/connectors/salesforce/package-schema.generated.ts';
import type { ConnectionEntry, SandboxSystem } from '../sandbox-system.ts';
import { createPubSubEmulator, readChannelMembers, type PubSubEmulator } from '../salesforce-pubsub/index.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from './index.ts';

export const SANDBOX_SF_PORT = 8791;
export const SANDBOX_SF_PUBSUB_PORT = 8793;
const FORCE_APP = fileURLToPath(new URL('../../../force-app/main/default', import.meta.url));

/** The Salesforce connection to a Salesforce emulator (client credentials of the sandbox org). */
export function salesforceSandboxConnection(sf: SalesforceSandbox, opts: { id?: string; name?: string; config?: Record<string, unknown> } = {}): ConnectionEntry {
  return {
    id: opts.id ?? 'salesforce',
    system: 'salesforce',
    name: opts.name ?? 'Salesforce sandbox org',
    config: { loginUrl: sf.url, clientId: sf.clientId, allowInsecureHttp: true, ...opts.config },
    secrets: { clientSecret: sf.clientSecret },
  };
}

/** The REST emulator and the CDC stream next to it. */
export interface SalesforceSandboxPair {
  rest: SalesforceSandbox;
  pubsub: PubSubEmulator;
}

export const salesforceSandbox: SandboxSystem<SalesforceSandboxPair> = {
  system: 'salesforce',
  async start(ctx) {
    const rest = createSalesforceSandbox({ host: ctx.host, port: ctx.port('SANDBOX_SF_PORT', SANDBOX_SF_PORT), customSchema: PACKAGE_SCHEMA });
    await rest.start();
    const pubsub = createPubSubEmulator({ sandbox: rest, channels: readChannelMembers(FORCE_APP), host: ctx.host, port: ctx.port('SANDBOX_SF_PUBSUB_PORT', SANDBOX_SF_PUBSUB_PORT) });
    try {
      await pubsub.start();
    } catch (err) {
      await rest.stop();
      throw err;
    }
    const changeFeed = { pubsubEndpoint: pubsub.endpoint, caPem: pubsub.caPem, initialReplay: 'EARLIEST', settleMs: 500 };
    return {
      system: 'salesforce',
      emulator: { rest, pubsub },
      connection: salesforceSandboxConnection(rest, { config: { changeFeed } }),
      describe: () => [
        `  Salesforce       ${rest.url}  (token: POST /services/oauth2/token, grant_type=client_credentials)`,
        `                   client_id ${rest.clientId} / client_secret ${rest.clientSecret}`,
        `  Salesforce CDC   ${pubsub.endpoint} (Pub/Sub API, self-signed TLS)`,
      ],
      async stop() {
        await pubsub.stop();
        await rest.stop();
      },
    };
  },
};
