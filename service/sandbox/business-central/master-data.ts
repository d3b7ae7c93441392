/** Customers, items, payment journals and the company: master data with number series and unique keys. */
import { assertUniqueNumber, newId, type DomainContext, type EntitySetDef } from './domain.ts';
import { bcError } from './errors.ts';
import { COMPANY_SHAPE, CUSTOMER_PAYMENT_JOURNAL_SHAPE, CUSTOMER_SHAPE, ITEM_SHAPE, fillDefaults } from './shapes.ts';

export function createCustomerSet(ctx: DomainContext): EntitySetDef {
  return {
    name: 'customers',
    typeName: 'customer',
    shape: CUSTOMER_SHAPE,
    create(body) {
      const number = typeof body.number === 'string' && body.number !== '' ? body.number : ctx.nextNumber('C');
      assertUniqueNumber(ctx, 'customers', 'Customer', number);
      return ctx.store.insert('customers', fillDefaults(CUSTOMER_SHAPE, { type: 'Company', currencyCode: 'USD', ...body, id: newId(), number }));
    },
    update(existing, patch) {
      if (typeof patch.number === 'string') assertUniqueNumber(ctx, 'customers', 'Customer', patch.number, String(existing.id));
      return ctx.store.update('customers', String(existing.id), patch);
    },
    remove(existing) {
      ctx.store.remove('customers', String(existing.id));
    },
  };
}

export function createItemSet(ctx: DomainContext): EntitySetDef {
  return {
    name: 'items',
    typeName: 'item',
    shape: ITEM_SHAPE,
    create(body) {
      const number = typeof body.number === 'string' && body.number !== '' ? body.number : ctx.nextNumber('I');
      assertUniqueNumber(ctx, 'items', 'Item', number);
      return ctx.store.insert('items', fillDefaults(ITEM_SHAPE, { type: 'Inventory', baseUnitOfMeasureCode: 'PCS', ...body, id: newId(), number }));
    },
    update(existing, patch) {
      if (typeof patch.number === 'string') assertUniqueNumber(ctx, 'items', 'Item', patch.number, String(existing.id));
      return ctx.store.update('items', String(existing.id), patch);
    },
    remove(existing) {
      ctx.store.remove('items', String(existing.id));
    },
  };
}

export function createPaymentJournalSet(ctx: DomainContext): EntitySetDef {
  return {
    name: 'customerPaymentJournals',
    typeName: 'customerPaymentJournal',
    shape: CUSTOMER_PAYMENT_JOURNAL_SHAPE,
    create(body) {
      if (typeof body.code !== 'string' || body.code === '') throw bcError(400, 'BadRequest', "The property 'code' is required.");
      if (ctx.store.list('customerPaymentJournals').some((j) => j.code === body.code)) {
        throw bcError(400, 'Internal_EntityWithSameKeyExists', `The record in table Gen. Journal Batch already exists. Identification fields and values: Name='${String(body.code)}'`);
      }
      return ctx.store.insert('customerPaymentJournals', fillDefaults(CUSTOMER_PAYMENT_JOURNAL_SHAPE, { ...body, id: newId() }));
    },
    update: (existing, patch) => ctx.store.update('customerPaymentJournals', String(existing.id), patch),
    remove(existing) {
      for (const line of ctx.store.list('customerPayments').filter((l) => l.journalId === existing.id)) ctx.store.remove('customerPayments', String(line.id));
      ctx.store.remove('customerPaymentJournals', String(existing.id));
    },
  };
}

export function createCompanySet(): EntitySetDef {
  const refuse = (): never => {
    throw bcError(405, 'BadRequest_MethodNotAllowed', "'companies' is read-only through the API.");
  };
  return { name: 'companies', typeName: 'company', shape: COMPANY_SHAPE, readOnly: true, create: refuse, update: refuse, remove: refuse };
}
