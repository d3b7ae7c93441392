/**
 * Business Central in the sandbox: the API v2.0 emulator seeded with its demo company (CRONUS USA, Inc.), and the BC
 * connection entry with webhooks delivered to the local service (validation handshake and clientState included).
 */
import type { SandboxSystem } from '../sandbox-system.ts';
import { createBcSandbox, type BcSandbox } from './index.ts';

export const SANDBOX_BC_PORT = 8792;
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
const CONNECTION_ID = 'bc';

export const businessCentralSandbox: SandboxSystem<BcSandbox> = {
  system: 'business-central',
  async start(ctx) {
    const { clientState, ...ids } = SANDBOX_BC;
    const bc = createBcSandbox({ ...ids, host: ctx.host, port: ctx.port('SANDBOX_BC_PORT', SANDBOX_BC_PORT), companyName: 'CRONUS USA, Inc.', seed: 'demo' });
    await bc.start();
    const notificationUrl = `${ctx.serviceUrl.replace(/\/+$/, '')}/webhooks/${CONNECTION_ID}`;
    return {
      system: 'business-central',
      emulator: bc,
      connection: {
        id: CONNECTION_ID,
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
      },
      describe: () => [
        `  Business Central ${bc.url}/v2.0/${bc.tenantId}/${bc.environment}/api/v2.0/companies(${bc.companyId})/salesOrders`,
        `                   token: POST ${bc.url}/${bc.tenantId}/oauth2/v2.0/token (client_credentials, client_id ${bc.clientId} / client_secret ${bc.clientSecret})`,
        `                   a BC user's actions: POST ${bc.url}/_sandbox/orders/<id>/ship-and-invoice, POST ${bc.url}/_sandbox/payments {"invoiceId","amount"}`,
        `                   webhooks to ${notificationUrl}`,
      ],
      stop: () => bc.stop(),
    };
  },
};
