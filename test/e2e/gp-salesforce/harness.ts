/**
 * The real service (startService, the real connector modules and flow templates) against the GP and Salesforce
 * emulators, on a real store. Runs are driven by the test (no scheduler); sleeps are recorded and shortened.
 */
import { resolveServiceConfig } from '../../../service/src/config/service-config.ts';
import { CONNECTOR_MODULES } from '../../../service/src/connectors/modules.ts';
import { PACKAGE_SCHEMA } from '../../../service/src/connectors/salesforce/package-schema.generated.ts';
import { FLOW_TEMPLATES } from '../../../service/src/flows/index.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { startService, type RunningService } from '../../../service/src/service.ts';
import { gpSandboxConnection } from '../../../service/sandbox/dynamics-gp/sandbox-system.ts';
import { salesforceSandboxConnection } from '../../../service/sandbox/salesforce/sandbox-system.ts';
import { createGpSandbox, type GpSandbox, type GpSandboxOptions } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createSalesforceSandbox, type SalesforceSandbox, type SalesforceSandboxOptions } from '../../../service/sandbox/salesforce/index.ts';
import { storeEngines, type TestStore } from '../../helpers/stores.ts';

export const FLOW_ID = 'gp-customers-to-sf-accounts';
export const API_KEY = 'e2e-api-key-0123456789abcdefghij';

export interface Harness {
  gp: GpSandbox;
  sf: SalesforceSandbox;
  store: TestStore;
  service: RunningService;
  /** Every sleep the engine asked for (retry waits), in ms. */
  sleeps: number[];
  run(): ReturnType<RunningService['engine']['runOnce']>;
  accounts(): Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function startHarness(opts: { gp?: GpSandboxOptions; sf?: SalesforceSandboxOptions; gpPassword?: string; pageSize?: number } = {}): Promise<Harness> {
  const gp = createGpSandbox({ latency: { fixedMs: 0, jitterMs: 0 }, ...opts.gp });
  const sf = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA, ...opts.sf });
  await gp.start();
  await sf.start();
  const [pglite] = await storeEngines();
  const store = await pglite!.open();
  const config = resolveServiceConfig(
    {
      connections: [
        gpSandboxConnection(gp, { password: opts.gpPassword, config: { minSpacingMs: 100 } }),
        salesforceSandboxConnection(sf, { id: 'sf' }),
      ],
      flows: [{ template: FLOW_ID, connections: { source: 'gp', target: 'sf' }, pageSize: opts.pageSize ?? 500 }],
    },
    { templates: FLOW_TEMPLATES, modules: CONNECTOR_MODULES },
  );
  const sleeps: number[] = [];
  const service = await startService({
    store,
    config,
    modules: CONNECTOR_MODULES,
    logger: silentLogger(),
    apiKey: API_KEY,
    port: 0,
    host: '127.0.0.1',
    schedule: false,
    // Waits are recorded (to check Retry-After is honoured) and cut short so suites stay fast.
    sleep: (ms) => {
      sleeps.push(ms);
      return new Promise((r) => setTimeout(r, Math.min(ms, 20)));
    },
  });
  return {
    gp,
    sf,
    store,
    service,
    sleeps,
    run: () => service.engine.runOnce(FLOW_ID, 'test'),
    accounts: () => sf.records.list('Account'),
    async stop() {
      await service.stop();
      await store.close();
      await Promise.allSettled([gp.stop(), sf.stop()]);
    },
  };
}

export function succeeded<T extends object>(r: T): Extract<T, { status: string }> {
  if (!('status' in r)) throw new Error(`run was skipped: ${JSON.stringify(r)}`);
  return r as Extract<T, { status: string }>;
}
