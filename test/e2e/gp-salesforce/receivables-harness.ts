/**
 * The real service (startService, the real connector modules, the receivables flow templates) against the GP
 * and Salesforce emulators, on PGlite. Runs are driven by the test (no scheduler). The orders flow
 * (sf-orders-to-gp-sales-documents) is configured but not run: tests record its links the way its writer does
 * (sourceId = Salesforce Order Id, targetId = `SOP:3;<GP number>`), which is the contract these flows rely on.
 */
import { resolveServiceConfig } from '../../../service/src/config/service-config.ts';
import { CONNECTOR_MODULES } from '../../../service/src/connectors/modules.ts';
import { PACKAGE_SCHEMA } from '../../../service/src/connectors/salesforce/package-schema.generated.ts';
import { FLOW_TEMPLATES } from '../../../service/src/flows/index.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { startService, type RunningService } from '../../../service/src/service.ts';
import { gpSandboxConnection } from '../../../service/sandbox/dynamics-gp/sandbox-system.ts';
import { salesforceSandboxConnection } from '../../../service/sandbox/salesforce/sandbox-system.ts';
import { createGpSandbox, type GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createReceivablesAdmin, type GpReceivablesAdmin } from '../../../service/sandbox/dynamics-gp/receivables-admin.ts';
import { receivablesResource } from '../../../service/sandbox/dynamics-gp/resources/receivables.ts';
import { createSalesforceSandbox, type SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { storeEngines, type TestStore } from '../../helpers/stores.ts';

export const FLOWS = {
  customers: 'gp-customers-to-sf-accounts',
  orders: 'sf-orders-to-gp-sales-documents',
  receivablesOrders: 'gp-receivables-to-sf-orders',
  receivablesOpportunities: 'gp-receivables-to-sf-opportunities',
  documents: 'gp-receivables-to-sf-documents',
  balances: 'gp-customer-balances-to-sf-accounts',
} as const;

export interface ReceivablesHarness {
  gp: GpSandbox;
  sf: SalesforceSandbox;
  rm: GpReceivablesAdmin;
  store: TestStore;
  service: RunningService;
  /** Package field name as the org knows it (`mlc__ERP_Status__c` in a namespaced org). */
  f(name: string): string;
  run(flowId: string): Promise<{ status: string; stats: Record<string, number> }>;
  /** A Salesforce Opportunity + Order for a GP customer's Account, linked by the orders flow to GP number SF<OrderNumber>. */
  salesforceOrder(customerId: string): Promise<{ orderId: string; opportunityId: string; gpNumber: string }>;
  /** A posted GP receivables invoice (RM10301 → RM20101). */
  postedInvoice(number: string, customerId: string, amount: number): void;
  /** A cash receipt entered and posted (RM10201 → RM20101 type 9). */
  payment(number: string, customerId: string, amount: number): void;
  stop(): Promise<void>;
}

export async function startReceivablesHarness(opts: { namespace?: string } = {}): Promise<ReceivablesHarness> {
  const gp = createGpSandbox({ latency: { fixedMs: 0, jitterMs: 0 }, limits: { minSpacingMs: 100 } });
  const sf = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA, ...(opts.namespace ? { namespace: opts.namespace } : {}) });
  await gp.start();
  await sf.start();
  const [pglite] = await storeEngines();
  const store = await pglite!.open();
  const flow = (template: string, source: string, target: string) => ({ template, connections: { source, target } });
  const config = resolveServiceConfig(
    {
      connections: [
        gpSandboxConnection(gp, { config: { minSpacingMs: 100 } }),
        salesforceSandboxConnection(sf, { id: 'sf', config: { namespace: opts.namespace ?? '' } }),
      ],
      flows: [
        flow(FLOWS.customers, 'gp', 'sf'),
        flow(FLOWS.orders, 'sf', 'gp'),
        flow(FLOWS.receivablesOrders, 'gp', 'sf'),
        flow(FLOWS.receivablesOpportunities, 'gp', 'sf'),
        flow(FLOWS.documents, 'gp', 'sf'),
        flow(FLOWS.balances, 'gp', 'sf'),
      ],
    },
    {
      templates: FLOW_TEMPLATES,
      modules: CONNECTOR_MODULES,
    },
  );
  const service = await startService({
    store,
    config,
    modules: CONNECTOR_MODULES,
    logger: silentLogger(),
    apiKey: 'gp-receivables-api-key-0123456789',
    port: 0,
    host: '127.0.0.1',
    schedule: false,
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))),
  });
  const company = gp.company();
  const rm = createReceivablesAdmin(company, gp.clock);
  const f = (name: string) => (opts.namespace ? `${opts.namespace}__${name}` : name);
  const today = () => gp.clock.localDate();
  let opportunities = 0;

  return {
    gp,
    sf,
    rm,
    store,
    service,
    f,
    async run(flowId) {
      const r = await service.engine.runOnce(flowId, 'test');
      if (!('status' in r)) throw new Error(`run of ${flowId} was skipped: ${JSON.stringify(r)}`);
      if (r.status !== 'succeeded') throw new Error(`run of ${flowId} failed: ${JSON.stringify(r.error)}`);
      return r as unknown as { status: string; stats: Record<string, number> };
    },
    async salesforceOrder(customerId) {
      const account = sf.records.findByField('Account', f('GP_Customer_Number__c'), customerId)[0];
      if (!account) throw new Error(`no Account for ${customerId}; run the customers flow first`);
      opportunities += 1;
      const opp = sf.records.create('Opportunity', { Name: `Deal ${opportunities}`, StageName: 'Closed Won', CloseDate: today(), AccountId: account.Id });
      const order = sf.records.create('Order', { AccountId: account.Id, OpportunityId: opp.Id, EffectiveDate: today(), Status: 'Draft' });
      const gpNumber = `SF${String(sf.records.get('Order', order.Id)!.OrderNumber)}`;
      await store.links.upsert([
        {
          flowId: FLOWS.orders,
          sourceConnection: 'sf',
          sourceEntity: 'Order',
          sourceId: order.Id,
          targetConnection: 'gp',
          targetEntity: 'salesDocuments',
          targetId: `SOP:3;${gpNumber}`,
          targetKey: gpNumber.slice(2),
          contentHash: 'seeded-by-test',
          sourceVersion: '1',
        },
      ]);
      return { orderId: order.Id, opportunityId: opp.Id, gpNumber };
    },
    postedInvoice(number, customerId, amount) {
      receivablesResource.create!({ company, clock: gp.clock, gpUserId: 'sa' }, {
        DocumentType: 1,
        DocumentNumber: number,
        CustomerId: customerId,
        DocumentDate: today(),
        BatchId: 'RMSALES',
        SalesAmount: amount,
        Distributions: [
          { DistributionType: 3, AccountNumber: '000-1200-00', DebitAmount: amount, CreditAmount: 0 },
          { DistributionType: 9, AccountNumber: '000-4100-00', DebitAmount: 0, CreditAmount: amount },
        ],
      });
      gp.documents.postReceivable(1, number);
    },
    payment(number, customerId, amount) {
      rm.enterCashReceipt({ DocumentNumber: number, CustomerId: customerId, DocumentDate: today(), BatchId: 'CASH', ReceiptType: 0, CheckNumber: `CHK-${number}`, Amount: amount });
      rm.postCashReceipt(number);
    },
    async stop() {
      await service.stop();
      await store.close();
      await Promise.allSettled([gp.stop(), sf.stop()]);
    },
  };
}
