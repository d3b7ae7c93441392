/**
 * The row form of a mapping (editor and Field_Mapping__c) and the catalogs it is checked against: every default
 * mapping of every flow template renders to rows the editor accepts, and those rows read back to the same
 * mapping; transform chains parse and format; record ids are checked and extended.
 */
import { describe, expect, it } from 'vitest';
import { PACKAGE_SCHEMA } from '../../service/src/connectors/salesforce/package-schema.generated.ts';
import { flowSchema } from '../../service/src/engine/flow.ts';
import { FLOW_TEMPLATES } from '../../service/src/flows/index.ts';
import { FIELD_CATALOGS, createFieldCatalogs, findField } from '../../service/src/http/salesforce/catalog/index.ts';
import { formatTransformChain, parseTransformChain, renderEntry, rowToFieldMapping } from '../../service/src/http/salesforce/mapping-rows.ts';
import { toRecordId18 } from '../../service/src/http/salesforce/record-id.ts';

const TRANSFORM_PATTERN = /^[A-Za-z][A-Za-z0-9_:-]{0,39}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,79}$/;

describe('default mappings as editor rows', () => {
  for (const template of Object.values(FLOW_TEMPLATES)) {
    it(`${template.id}: has catalogs, renders every field-sourced entry, and reads each row back unchanged`, () => {
      const flow = flowSchema.parse(template.build({ source: 'src', target: 'dst' }));
      const source = FIELD_CATALOGS.find(template.sourceSystem, flow.source.entity);
      const target = FIELD_CATALOGS.find(template.targetSystem, flow.target.entity);
      expect(source, 'source catalog').toBeDefined();
      expect(target, 'target catalog').toBeDefined();
      const ctx = { flowId: flow.id, source: source!, target: target!, matchField: flow.target.matchField, defaults: flow.mapping };
      for (const entry of flow.mapping) {
        const row = renderEntry(entry, source!);
        if (entry.source === undefined) {
          expect(row, `${entry.target} is a constant`).toBeUndefined();
          continue;
        }
        expect(row, entry.target).toBeDefined();
        expect(row!.source).toMatch(FIELD_NAME);
        if (row!.transform !== null) expect(row!.transform).toMatch(TRANSFORM_PATTERN);
        expect(findField(target!, row!.target), `target ${row!.target}`).toBeDefined();
        const back = rowToFieldMapping(row!, ctx);
        expect(back, JSON.stringify(row)).toMatchObject({ ok: true });
        if (back.ok) expect(back.mapping).toEqual(entry);
      }
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
  });
});

describe('mapping rows from Salesforce', () => {
  const flow = flowSchema.parse(FLOW_TEMPLATES['gp-customers-to-sf-accounts']!.build({ source: 'gp', target: 'sf' }));
  const ctx = {
    flowId: flow.id,
    source: FIELD_CATALOGS.find('dynamics-gp', 'customers')!,
    target: FIELD_CATALOGS.find('salesforce', 'Account')!,
    matchField: flow.target.matchField,
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

  it('parses and formats transform chains', () => {
    expect(parseTransformChain('trim-nullIfBlank')).toEqual({ ok: true, transforms: ['trim', 'nullIfBlank'] });
    expect(parseTransformChain('default:-1')).toEqual({ ok: true, transforms: [{ name: 'default', arg: -1 }] });
    expect(parseTransformChain('default:true-default:Unknown')).toEqual({ ok: true, transforms: [{ name: 'default', arg: true }, { name: 'default', arg: 'Unknown' }] });
    expect(parseTransformChain('')).toEqual({ ok: true, transforms: [] });
    expect(parseTransformChain('drop table')).toMatchObject({ ok: false });
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
