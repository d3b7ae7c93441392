/**
 * The row form of a mapping (editor and Field_Mapping__c) and the catalogs it is checked against: every flow
 * template's source and target are catalogued (every field it reads or writes, child records and lines
 * included); each default entry is a row that reads back to the same entry, hidden (a row may replace it) or
 * locked (no row may replace it), by the rule of mapping-rows.ts; GET /flows offers the editor exactly the
 * targets a row may fill. Transform chains parse and format; record ids are checked and extended.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PACKAGE_SCHEMA } from '../../../service/src/connectors/salesforce/package-schema.generated.ts';
import { flowSchema, type FlowDefinition } from '../../../service/src/engine/flow.ts';
import type { FieldMapping } from '../../../service/src/engine/mapping.ts';
import { FLOW_TEMPLATES, type FlowTemplate } from '../../../service/src/flows/index.ts';
import { createSfOrderRevenueToGpGlTemplate } from '../../../service/src/flows/gp-salesforce/sf-order-revenue-to-gp-gl.ts';
import { createSfOrdersToGpTemplate, SF_ORDERS_TO_GP_SALES_DOCUMENTS } from '../../../service/src/flows/gp-salesforce/sf-orders-to-gp-sales-documents.ts';
import { applyMappingRows } from '../../../service/src/http/salesforce/apply-mapping-rows.ts';
import { createFieldCatalogs, findComposite, findField, findList, isComposite, type EntityCatalog } from '../../../service/src/engine/catalog.ts';
import { catalogsOfFlow, resolveFieldPath } from '../../../service/src/engine/flow-catalogs.ts';
import { createModuleRegistry } from '../../../service/src/engine/module-registry.ts';
import { CONNECTOR_MODULES } from '../../../service/src/connectors/modules.ts';
import { buildFlowCatalog } from '../../../service/src/http/salesforce/flow-catalog.ts';
import { entryForm, formatTransformChain, parseTransformChain, renderEntry, rowToFieldMapping, type RowContext } from '../../../service/src/http/salesforce/mapping-rows.ts';
import { toRecordId18 } from '../../../service/src/http/salesforce/record-id.ts';
import { createLogger } from '../../../service/src/lib/logger.ts';

const { catalogs: FIELD_CATALOGS, transforms: TRANSFORMS } = createModuleRegistry(CONNECTOR_MODULES);
const TRANSFORM_PATTERN = /^[A-Za-z][A-Za-z0-9_:-]{0,39}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,79}$/;
const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

/**
 * Every registered template, plus sf-orders-to-gp-sales-documents while it is not registered yet, plus the
 * option variants that change the mapping (cost-center tables, an item table).
 */
const TEMPLATES: Record<string, FlowTemplate> = {
  [SF_ORDERS_TO_GP_SALES_DOCUMENTS.id]: SF_ORDERS_TO_GP_SALES_DOCUMENTS,
  ...FLOW_TEMPLATES,
};
const VARIANTS: Record<string, FlowTemplate> = {
  'sf-orders-to-gp-sales-documents (item table, cost center)': createSfOrdersToGpTemplate({
    items: { table: { '01t000000000001AAA': 'ITEM-1' }, by: 'Product2.ProductCode' },
    costCenter: { field: 'Type', table: { Services: '200' } },
  }),
  'sf-order-revenue-to-gp-gl (cost center)': createSfOrderRevenueToGpGlTemplate({ costCenter: { field: 'Product2.Family', table: { Hardware: '100' } } }),
};

/** The rule's decision, per template: the default targets no row may replace (lookups, per-line mappings...). */
const LOCKED_TARGETS: Record<string, string[]> = {
  'gp-customers-to-sf-accounts': [],
  'gp-receivables-to-sf-orders': [],
  'gp-receivables-to-sf-opportunities': [],
  'gp-receivables-to-sf-documents': ['Account__c', 'Order__c'],
  'gp-customer-balances-to-sf-accounts': [],
  'sf-order-revenue-to-gp-gl': ['Lines'],
  'sf-orders-to-gp-sales-documents': ['CustomerId', 'Lines'],
  'sf-products-to-bc-items': [],
  'sf-accounts-to-bc-customers': ['phoneNumber'],
  'sf-orders-to-bc-sales-orders': ['customerNumber', 'salesOrderLines'],
  'bc-sales-orders-to-sf-orders': [],
  'bc-sales-invoices-to-sf-orders': [],
  'bc-sales-invoices-to-sf-documents': ['Account__c', 'Order__c'],
  'bc-customer-payments-to-sf-documents': ['Account__c'],
  'bc-customers-to-sf-accounts': [],
};

function flowOf(template: FlowTemplate) {
  const flow = flowSchema.parse(template.build({ source: 'src', target: 'dst' }));
  const systemOf = (id: string) => (id === 'src' ? template.sourceSystem : id === 'dst' ? template.targetSystem : undefined);
  return { flow, systemOf, ...catalogsOfFlow(flow, FIELD_CATALOGS, systemOf) };
}

/** A row for `target` that any target accepts type-wise: a source field, converted to the target's type. */
function anyRow(target: EntityCatalog, targetName: string, source: EntityCatalog) {
  const type = findField(target, targetName)?.type ?? 'string';
  return { target: targetName, source: source.fields[0]!.name, transform: type === 'string' ? null : type };
}

/** Every field a flow reads is in its source catalog; every field it writes is in its target catalog and writable. */
function expectCatalogued(flow: FlowDefinition, sourceSystem: string, source: EntityCatalog, target: EntityCatalog): void {
  for (const read of [flow.matchKey.source, ...flow.source.where.map((c) => c.field)]) expect(findField(source, read), `source ${read}`).toBeDefined();
  for (const inc of flow.source.include) {
    expect(findField(source, inc.parentField) ?? findField(FIELD_CATALOGS.find(sourceSystem, inc.entity)!, inc.parentField), `${inc.entity}.${inc.parentField}`).toBeDefined();
    for (const f of inc.fields ?? []) expect(resolveFieldPath(FIELD_CATALOGS, sourceSystem, inc.entity, f), `${inc.entity}.${f}`).toBeDefined();
  }
  expect(findField(target, flow.target.matchField), `match field ${flow.target.matchField}`).toBeDefined();
  for (const entry of flow.mapping) {
    if (entry.each) {
      const list = findList(target, entry.target);
      const inc = flow.source.include.find((i) => i.as === entry.source);
      expect(list, `list ${entry.target}`).toBeDefined();
      expect(inc, `include ${String(entry.source)}`).toBeDefined();
      for (const sub of entry.each) {
        const field = findField(list!.item, sub.target);
        expect(field && !field.readOnly && !isComposite(field), `${entry.target}[].${sub.target} writable`).toBe(true);
        for (const part of [sub.source ?? []].flat()) {
          expect(resolveFieldPath(FIELD_CATALOGS, sourceSystem, inc!.entity, part), `${inc!.entity}.${part}`).toBeDefined();
          if (inc!.fields) expect(inc!.fields, `${part} is read with the ${inc!.as}`).toContain(part);
        }
      }
      continue;
    }
    const field = findField(target, entry.target);
    expect(field && !field.readOnly && !isComposite(field), `target ${entry.target} writable`).toBe(true);
    for (const part of [entry.source ?? []].flat()) expect(findField(source, part), `source ${part}`).toBeDefined();
  }
}

/** The rule of mapping-rows.ts, stated independently of it. */
function expectedKind(entry: FieldMapping, source: EntityCatalog): 'row' | 'hidden' | 'locked' {
  if (entry.each || entry.lookup || (Array.isArray(entry.source) && !findComposite(source, entry.source))) return 'locked';
  if (entry.source === undefined || formatTransformChain(entry.transforms) === undefined) return 'hidden';
  return 'row';
}

describe('flow templates in the mapping editor', () => {
  it('decides the locked targets of every template', () => {
    expect(Object.keys(LOCKED_TARGETS).sort()).toEqual(Object.keys(TEMPLATES).sort());
  });

  for (const [name, template] of Object.entries({ ...TEMPLATES, ...VARIANTS })) {
    it(`${name}: has catalogs of everything it reads and writes, and each default entry is a row, hidden or locked by the rule`, () => {
      const { flow, systemOf, source, target } = flowOf(template);
      expect(source, 'source catalog').toBeDefined();
      expect(target, 'target catalog').toBeDefined();
      expectCatalogued(flow, template.sourceSystem, source!, target!);
      const ctx: RowContext = { flowId: flow.id, source: source!, target: target!, matchField: flow.target.matchField, defaults: flow.mapping, transforms: TRANSFORMS };
      const locked: string[] = [];
      for (const entry of flow.mapping) {
        const form = entryForm(entry, source!);
        expect(form.kind, entry.target).toBe(expectedKind(entry, source!));
        if (form.kind === 'row') {
          const row = form.row;
          expect(renderEntry(entry, source!)).toEqual(row);
          expect(row.source).toMatch(FIELD_NAME);
          if (row.transform !== null) expect(row.transform).toMatch(TRANSFORM_PATTERN);
          const back = rowToFieldMapping(row, ctx);
          expect(back, JSON.stringify(row)).toMatchObject({ ok: true });
          if (back.ok) expect(back.mapping).toEqual(entry);
          continue;
        }
        expect(renderEntry(entry, source!), entry.target).toBeUndefined();
        const attempt = rowToFieldMapping(anyRow(target!, entry.target, source!), ctx);
        if (form.kind === 'hidden') {
          expect(attempt, `a row may replace hidden ${entry.target}`).toMatchObject({ ok: true });
        } else {
          locked.push(entry.target);
          expect(attempt.ok ? undefined : attempt.reason, `row for locked ${entry.target}`).toMatch(new RegExp(`^target field "${entry.target}" is not editable: .*cannot`));
        }
      }
      expect(locked).toEqual(LOCKED_TARGETS[flow.id]);

      // What GET /flows hands the editor: no locked, read-only or match-field target, and defaults it can save.
      const [json] = buildFlowCatalog([flow], { catalogs: FIELD_CATALOGS, systemOf, logger: silent });
      expect(json, 'offered to the editor').toBeDefined();
      expect(json!.locked.map((l) => l.target)).toEqual(locked);
      const targets = new Map(json!.target.fields.map((f) => [f.name.toLowerCase(), f]));
      const sources = new Set(json!.source.fields.map((f) => f.name.toLowerCase()));
      for (const hidden of [...locked, flow.target.matchField]) expect(targets.has(hidden.toLowerCase()), `${hidden} offered as a target`).toBe(false);
      for (const f of target!.fields) if (f.readOnly) expect(targets.has(f.name.toLowerCase()), `read-only ${f.name} offered`).toBe(false);
      for (const row of json!.mapping) {
        expect(targets.has(row.target.toLowerCase()), `row target ${row.target}`).toBe(true);
        expect(sources.has(String(row.source).toLowerCase()), `row source ${row.source}`).toBe(true);
      }
      const mapped = new Set(json!.mapping.map((r) => r.target.toLowerCase()));
      const unmappedRequired = json!.target.fields.filter((f) => f.required && !mapped.has(f.name.toLowerCase())).map((f) => f.name);
      expect(unmappedRequired, 'required targets the editor would refuse to save without').toEqual([]);
    });
  }

  it('lists every package field of Account as a Salesforce target', () => {
    const account = FIELD_CATALOGS.find('salesforce', 'Account')!;
    for (const name of Object.keys(PACKAGE_SCHEMA.objects.Account)) expect(findField(account, name), name).toBeDefined();
    expect(findField(account, 'erp_credit_limit__c')).toEqual({ name: 'ERP_Credit_Limit__c', type: 'number' });
    expect(FIELD_CATALOGS.find('salesforce', 'Field_Mapping__c')).toBeUndefined();
  });

  it('refuses catalogs with duplicate fields or composites of unknown parts', () => {
    expect(() => createFieldCatalogs([{ system: 's', entity: 'e', fields: [{ name: 'A', type: 'string' }, { name: 'a', type: 'number' }] }])).toThrow(/listed twice/);
    expect(() => createFieldCatalogs([{ system: 's', entity: 'e', fields: [{ name: 'A', type: 'string' }], composites: [{ name: 'AB', type: 'string', parts: ['A', 'B'] }] }])).toThrow(/unknown parts B/);
    expect(() => createFieldCatalogs([{ system: 's', entity: 'e', fields: [{ name: 'Lines', type: 'string' }], lists: [{ name: 'lines', item: { system: 's', entity: 'e.lines', fields: [] } }] }])).toThrow(
      /"lines" is listed twice/,
    );
  });
});

describe('mapping rows from Salesforce', () => {
  const flow = flowSchema.parse(FLOW_TEMPLATES['gp-customers-to-sf-accounts']!.build({ source: 'gp', target: 'sf' }));
  const ctx = {
    flowId: flow.id,
    source: FIELD_CATALOGS.find('dynamics-gp', 'customers')!,
    target: FIELD_CATALOGS.find('salesforce', 'Account')!,
    matchField: flow.target.matchField,
    transforms: TRANSFORMS,
    defaults: flow.mapping,
  };
  const reasonOf = (target: string, source: string | null, transform: string | null) => {
    const r = rowToFieldMapping({ target, source, transform }, ctx);
    return r.ok ? undefined : r.reason;
  };

  it('normalises names to the catalog spelling and keeps the default entry’s limits', () => {
    const r = rowToFieldMapping({ target: 'billingcity', source: 'CITY', transform: 'TRIM-truncate:20' }, ctx);
    expect(r).toEqual({
      ok: true,
      mapping: { target: 'BillingCity', source: 'City', transforms: ['trim', { name: 'truncate', arg: 20 }], required: false, maxLength: 40, excludeFromHash: false },
    });
  });

  it('rejects rows the service cannot run, saying why', () => {
    expect(reasonOf('GP_Customer_Number__c', 'CustomerId', null)).toMatch(/match field/);
    expect(reasonOf('Name', null, 'trim')).toMatch(/source field for "Name" is blank/);
    expect(reasonOf('Name', 'Name', 'truncate')).toMatch(/truncate.*needs a valid "arg"/);
    expect(reasonOf('Name', 'Name', 'trim:3')).toMatch(/takes no argument/);
    expect(reasonOf('Name', 'Name', 'trim-')).toMatch(/joined by "-"/);
    expect(reasonOf('Name', 'Name', 'map:x')).toMatch(/map.*needs a valid "arg"/);
    expect(reasonOf('ERP_Credit_Limit__c', 'Name', null)).toMatch(/cannot take Name \(string\) without a transform/);
    expect(reasonOf('ERP_Credit_Limit__c', 'Name', 'number')).toBeUndefined();
    expect(reasonOf('AddressLines', 'Name', null)).toMatch(/unknown target field/);
  });

  it('refuses rows for locked entries and read-only targets, and reads included records by path', () => {
    const reason = (templateId: string, row: { target: string; source: string | null; transform: string | null }) => {
      const { flow, source, target } = flowOf(TEMPLATES[templateId]!);
      const r = rowToFieldMapping(row, { flowId: flow.id, source: source!, target: target!, matchField: flow.target.matchField, defaults: flow.mapping, transforms: TRANSFORMS });
      return r.ok ? r.mapping : r.reason;
    };
    expect(reason('bc-sales-invoices-to-sf-documents', { target: 'account__c', source: 'customerId', transform: null })).toBe(
      'target field "Account__c" is not editable: its value is resolved to the Salesforce Account through the links of flow sf-accounts-to-bc-customers, which a mapping row cannot express',
    );
    expect(reason('sf-orders-to-gp-sales-documents', { target: 'Lines', source: 'lines', transform: null })).toMatch(/^target field "Lines" is not editable: it maps each element of lines/);
    expect(reason('sf-accounts-to-bc-customers', { target: 'phoneNumber', source: 'Phone', transform: null })).toMatch(/not editable: it combines Phone, contacts\.0\.Phone/);
    expect(reason('sf-accounts-to-bc-customers', { target: 'balanceDue', source: 'AnnualRevenue', transform: null })).toMatch(/"balanceDue" is read-only/);
    expect(reason('gp-receivables-to-sf-orders', { target: 'TotalAmount', source: 'TotalInvoiced', transform: null })).toMatch(/"TotalAmount" is read-only/);
    expect(reason('sf-accounts-to-bc-customers', { target: 'email', source: 'CONTACTS.0.phone', transform: 'trim' })).toEqual({
      target: 'email',
      source: 'contacts.0.Phone',
      transforms: ['trim'],
      required: false,
      maxLength: 80,
      excludeFromHash: false,
    });
    expect(reason('sf-accounts-to-bc-customers', { target: 'email', source: 'contacts.1.Email', transform: null })).toMatch(/unknown source field "contacts\.1\.Email"/);
    // A paid amount from the invoice's [total, remaining], by the composite's name.
    expect(reason('bc-sales-invoices-to-sf-orders', { target: 'ERP_Total_Paid__c', source: 'totalandremaining', transform: 'difference-round:2' })).toMatchObject({
      source: ['totalAmountIncludingTax', 'remainingAmount'],
      transforms: ['difference', { name: 'round', arg: 2 }],
    });
  });

  it('applies the rows it can and keeps locked entries as they are', () => {
    const { flow, source, target } = flowOf(TEMPLATES['bc-customer-payments-to-sf-documents']!);
    const result = applyMappingRows(
      flow,
      [
        { target: 'Document_Number__c', source: 'externalDocumentNumber', transform: 'trim' },
        { target: 'Account__c', source: 'customerNumber', transform: null },
      ],
      { source, target },
      TRANSFORMS,
    );
    expect(result.applied).toBe(1);
    expect(result.rejected).toEqual([{ row: { target: 'Account__c', source: 'customerNumber', transform: null }, reason: expect.stringMatching(/is not editable/) }]);
    expect(result.mapping.find((m) => m.target === 'Document_Number__c')).toMatchObject({ source: 'externalDocumentNumber', required: true, maxLength: 40 });
    expect(result.mapping.find((m) => m.target === 'Account__c')).toEqual(flow.mapping.find((m) => m.target === 'Account__c'));
  });

  it('parses and formats transform chains', () => {
    expect(parseTransformChain('trim-nullIfBlank', TRANSFORMS)).toEqual({ ok: true, transforms: ['trim', 'nullIfBlank'] });
    expect(parseTransformChain('default:-1', TRANSFORMS)).toEqual({ ok: true, transforms: [{ name: 'default', arg: -1 }] });
    expect(parseTransformChain('default:true-default:Unknown', TRANSFORMS)).toEqual({ ok: true, transforms: [{ name: 'default', arg: true }, { name: 'default', arg: 'Unknown' }] });
    expect(parseTransformChain('', TRANSFORMS)).toEqual({ ok: true, transforms: [] });
    expect(parseTransformChain('drop table', TRANSFORMS)).toMatchObject({ ok: false });
    expect(formatTransformChain(['trim', { name: 'truncate', arg: 80 }, { name: 'default', arg: 'N_A' }])).toBe('trim-truncate:80-default:N_A');
    expect(formatTransformChain([])).toBeNull();
    expect(formatTransformChain([{ name: 'map', arg: { 0: 'No' } }])).toBeUndefined();
    expect(formatTransformChain([{ name: 'default', arg: '80' }])).toBeUndefined(); // would read back as a number
    expect(formatTransformChain(Array.from({ length: 9 }, () => 'trim'))).toBeUndefined(); // longer than 40
  });
});

describe('Salesforce record ids', () => {
  it('extends 15-character ids and checks the suffix of 18-character ones', () => {
    expect(toRecordId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(toRecordId18('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
    expect(toRecordId18('001A0000006Vm9riac')).toBe('001A0000006Vm9rIAC');
    expect(toRecordId18('001A0000006Vm9rAAA')).toBeUndefined();
    expect(toRecordId18('001000000000001')).toBe('001000000000001AAA');
    for (const bad of ['', '001', '001A0000006Vm9r-AC', '001A0000006Vm9rIA', "001' OR 1=1 --"]) expect(toRecordId18(bad), bad).toBeUndefined();
  });
});
