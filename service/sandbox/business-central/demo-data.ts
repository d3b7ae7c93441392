/**
 * Seed data: the company and its customer payment journal always; with `demo`, a few customers and items
 * taken from the published v2.0 examples (Adatum, Trey Research, the ATHENS desk, the ATLANTA whiteboard).
 */
import type { EntitySetDef } from './domain.ts';
import type { RecordStore } from './record-store.ts';
import { COMPANY_SHAPE, fillDefaults } from './shapes.ts';

export function seedCompany(store: RecordStore, company: { id: string; name: string; userId: string; now: string }): void {
  store.insert(
    'companies',
    fillDefaults(COMPANY_SHAPE, {
      id: company.id,
      systemVersion: '26.0.30643.32481',
      timestamp: 27_301,
      name: company.name,
      displayName: company.name,
      businessProfileId: '',
      systemCreatedAt: company.now,
      systemCreatedBy: company.userId,
      systemModifiedAt: company.now,
      systemModifiedBy: company.userId,
    }),
  );
}

export function seedDemo(sets: Map<string, EntitySetDef>, withDemoRecords: boolean): void {
  const create = (set: string, body: Record<string, unknown>) => (sets.get(set) as EntitySetDef).create(body, undefined);
  create('customerPaymentJournals', { code: 'CASHRCPT', displayName: 'Cash receipts' });
  if (!withDemoRecords) return;
  create('customers', {
    number: '10000',
    displayName: 'Adatum Corporation',
    addressLine1: '192 Market Square',
    city: 'Atlanta',
    state: 'GA',
    country: 'US',
    postalCode: '31772',
    email: 'robert.townes@contoso.com',
    taxLiable: true,
  });
  create('customers', { number: '20000', displayName: 'Trey Research', addressLine1: '153 Thomas Drive', city: 'Chicago', state: 'IL', country: 'US', postalCode: '61236', email: 'helen.ray@contoso.com' });
  create('items', { number: '1896-S', displayName: 'ATHENS Desk', unitPrice: 1000.8, unitCost: 780.7, itemCategoryCode: 'TABLE', taxGroupCode: 'FURNITURE' });
  create('items', { number: '1996-S', displayName: 'ATLANTA Whiteboard, base', unitPrice: 1397.3, unitCost: 1110.4, itemCategoryCode: 'MISC', taxGroupCode: 'FURNITURE' });
}
