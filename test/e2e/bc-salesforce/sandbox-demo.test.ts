/**
 * The BC part of the `npm start` sandbox: the emulators it starts, the demo records it seeds and the config it
 * returns make the BC ↔ Salesforce flows work on the real service — the activated demo order reaches BC with its
 * lines against the existing demo customer and items, the draft one does not, and BC's webhooks reach the service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveServiceConfig } from '../../../service/src/config/service-config.ts';
import { BC_SALES_ORDERS_TO_SF_ORDERS, SF_ACCOUNTS_TO_BC_CUSTOMERS, SF_ORDERS_TO_BC_SALES_ORDERS, SF_PRODUCTS_TO_BC_ITEMS } from '../../../service/src/flows/bc-salesforce/flow-ids.ts';
import { FLOW_TEMPLATES } from '../../../service/src/flows/index.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import type { SalesforceSandboxPair } from '../../../service/sandbox/salesforce/sandbox-system.ts';
import { startSandbox, type RunningSandbox } from '../../../service/sandbox/start-sandbox.ts';
import { storeEngines, type TestStore } from '../../helpers/stores.ts';
import { CONFIG_DEPS, freePort, startBcService } from './harness.ts';

type Row = Record<string, unknown>;

describe('the sandbox (npm start) with Business Central and Salesforce', () => {
  let sandbox: RunningSandbox;
  let bc: BcSandbox;
  let sf: SalesforceSandboxPair['rest'];
  let store: TestStore;
  let running: Awaited<ReturnType<typeof startBcService>>;

  beforeAll(async () => {
    const port = await freePort();
    sandbox = await startSandbox({ logger: silentLogger(), serviceUrl: `http://127.0.0.1:${port}`, templates: FLOW_TEMPLATES, ports: 'any', systems: ['salesforce', 'business-central'] });
    bc = sandbox.systems.get('business-central')?.emulator as BcSandbox;
    sf = (sandbox.systems.get('salesforce')?.emulator as SalesforceSandboxPair).rest;
    const config = resolveServiceConfig(sandbox.serviceConfig, CONFIG_DEPS);
    const [pglite] = await storeEngines();
    store = await pglite!.open();
    running = await startBcService({ store, config, port });
  });
  afterAll(async () => {
    await running?.service.stop();
    await store?.close();
    await sandbox?.stop();
  });

  it('describes every endpoint and runs the flows of the systems it started', () => {
    expect(sandbox.describe().join('\n')).toContain(bc.url);
    const templates = (sandbox.serviceConfig.flows ?? []).map((f) => f.template);
    expect(templates).toContain(SF_ORDERS_TO_BC_SALES_ORDERS);
    // GP is not in this sandbox: no GP flow is configured.
    expect(templates.filter((t) => FLOW_TEMPLATES[t]?.sourceSystem === 'dynamics-gp' || FLOW_TEMPLATES[t]?.targetSystem === 'dynamics-gp')).toEqual([]);
    const bcConnection = sandbox.serviceConfig.connections?.find((c) => c.system === 'business-central');
    expect(bcConnection?.config).toMatchObject({ notificationUrl: expect.stringMatching(/\/webhooks\/bc$/) });
  });

  it('runs the demo: the activated order becomes a BC sales order, BC notifies, the Salesforce Order shows it', async () => {
    const bcRows = (set: string) => bc.admin.listRecords(set);
    const ensured = await running.service.push.upkeep('bc');
    expect(ensured?.health.every((h) => h.ok)).toBe(true);
    await running.workJobs();
    const { engine } = running.service;
    const until = async (flowId: string, done: () => boolean) => {
      for (let i = 0; i < 40 && !done(); i++) {
        await engine.runOnce(flowId, 'test');
        if (!done()) await new Promise((r) => setTimeout(r, 100));
      }
      expect(done()).toBe(true);
    };
    await until(SF_PRODUCTS_TO_BC_ITEMS, () => bcRows('items').some((i) => i.number === 'ML-1000'));
    expect(bcRows('items').filter((i) => i.number === '1896-S')).toHaveLength(1);
    await until(SF_ACCOUNTS_TO_BC_CUSTOMERS, () => bcRows('customers').some((c) => c.number === '30000'));
    await until(SF_ORDERS_TO_BC_SALES_ORDERS, () => bcRows('salesOrders').length > 0);

    const [won, draft] = sf.records.list('Order') as Row[];
    const order = bcRows('salesOrders')[0] as Row;
    expect(order).toMatchObject({ externalDocumentNumber: won?.OrderNumber, customerNumber: '30000' });
    expect(bcRows('salesOrderLines').filter((l) => l.documentId === order.id).map((l) => l.lineObjectNumber).sort()).toEqual(['1896-S', '1996-S', 'ML-1000']);
    expect(bcRows('salesOrders').some((o) => o.externalDocumentNumber === draft?.OrderNumber)).toBe(false);

    await bc.admin.notifications.flush();
    await running.workJobs();
    expect(sf.records.get('Order', String(won?.Id))).toMatchObject({ BC_Order_Number__c: order.number, ERP_Status__c: 'Open' });
    expect((await store.audit.query({ flowId: BC_SALES_ORDERS_TO_SF_ORDERS, outcome: 'updated' })).length).toBeGreaterThan(0);
  });
});
