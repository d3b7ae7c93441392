/** Choice metadata and InsertOptionValue / UpdateOptionValue, custom columns, privileges and 403, error annotations. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataverseSandbox } from '../../../service/sandbox/dataverse/index.ts';
import { startDv, webApi, type WebApi } from './helpers.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/dataverse/${name}`, import.meta.url), 'utf8')) as Record<string, Record<string, unknown>>;
const PICKLIST = fixture('picklist-attribute-optionset.example-response.json').body as Record<string, unknown>;
const EXAMPLES = fixture('webapi-examples.json');
const PAYMENT_TERMS = "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='paymenttermscode')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)";

const keysDeep = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.length ? [keysDeep(v[0])] : [];
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, keysDeep((v as Record<string, unknown>)[k])]));
  return v === null ? 'null' : typeof v;
};

describe('dataverse emulator: metadata, choices, privileges, errors', () => {
  let sandbox: DataverseSandbox;
  let api: WebApi;

  beforeAll(async () => {
    sandbox = await startDv({ seed: 'none' });
    api = await webApi(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('answers the change-tracking connection test query', async () => {
    const res = await api.call('GET', "EntityDefinitions(LogicalName='account')?$select=ChangeTrackingEnabled");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ '@odata.context': `${sandbox.apiBaseUrl}/$metadata#EntityDefinitions(ChangeTrackingEnabled)/$entity`, ChangeTrackingEnabled: true, MetadataId: expect.any(String) });
    const list = await api.call('GET', 'EntityDefinitions?$select=LogicalName&$filter=ChangeTrackingEnabled eq true');
    expect(list.body.value?.map((e) => e.LogicalName).sort()).toEqual(['account', 'contact']);
    expect((await api.call('GET', "EntityDefinitions(LogicalName='nope')")).status).toBe(404);
  });

  it('serves payment terms as a picklist with the default options, in the published shape', async () => {
    const res = await api.call('GET', PAYMENT_TERMS);
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toBe(`${sandbox.apiBaseUrl}/$metadata#EntityDefinitions('account')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata(LogicalName,OptionSet(Options))/$entity`);
    const options = (res.body.OptionSet as { Options: Array<{ Value: number; Label: { UserLocalizedLabel: { Label: string } } }> }).Options;
    expect(options.map((o) => [o.Value, o.Label.UserLocalizedLabel.Label])).toEqual([
      [1, 'Net 30'],
      [2, '2% 10, Net 30'],
      [3, 'Net 45'],
      [4, 'Net 60'],
    ]);
    const { ['@odata.context']: _c, ...published } = PICKLIST;
    const { ['@odata.context']: _d, ...ours } = res.body;
    expect(keysDeep(ours)).toEqual(keysDeep(published));
    const wrongCast = await api.call('GET', "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='name')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata");
    expect(wrongCast.status).toBe(404);
  });

  it('InsertOptionValue adds a value (given or allocated) usable at once; UpdateOptionValue relabels it', async () => {
    const label = (text: string) => ({ '@odata.type': 'Microsoft.Dynamics.CRM.Label', LocalizedLabels: [{ '@odata.type': 'Microsoft.Dynamics.CRM.LocalizedLabel', Label: text, LanguageCode: 1033 }] });
    const given = await api.call('POST', 'InsertOptionValue', { EntityLogicalName: 'account', AttributeLogicalName: 'paymenttermscode', Value: 5, Label: label('Net 90') });
    expect(given.status).toBe(200);
    expect(given.body).toEqual({ '@odata.context': `${sandbox.apiBaseUrl}/$metadata#Microsoft.Dynamics.CRM.InsertOptionValueResponse`, NewOptionValue: 5 });
    const allocated = await api.call('POST', 'InsertOptionValue', { EntityLogicalName: 'account', AttributeLogicalName: 'customertypecode', Label: label('GP Class: WHOLESALE') });
    expect(allocated.body.NewOptionValue).toBe(100_000_000);
    const dup = await api.call('POST', 'InsertOptionValue', { EntityLogicalName: 'account', AttributeLogicalName: 'paymenttermscode', Value: 5, Label: label('Again') });
    expect(dup.status).toBe(400);
    const badParam = await api.call('POST', 'InsertOptionValue', { EntityLogicalName: 'account', AttributeLogicalName: 'paymenttermscode', Label: label('x'), Colour: 'red' });
    expect(badParam.status).toBe(400);
    expect(badParam.body.error?.message).toContain("'Colour'");

    expect((await api.call('POST', 'accounts', { name: 'Net 90 customer', paymenttermscode: 5 })).status).toBe(204);
    const relabel = await api.call('POST', 'UpdateOptionValue', { EntityLogicalName: 'account', AttributeLogicalName: 'paymenttermscode', Value: 5, Label: label('Net 90 days'), MergeLabels: true });
    expect(relabel.status).toBe(204);
    expect((await api.call('POST', 'PublishXml', { ParameterXml: '<importexportxml><entities><entity>account</entity></entities></importexportxml>' })).status).toBe(204);
    const after = await api.call('GET', PAYMENT_TERMS);
    const labels = (after.body.OptionSet as { Options: Array<{ Value: number; Label: { UserLocalizedLabel: { Label: string } } }> }).Options.map((o) => o.Label.UserLocalizedLabel.Label);
    expect(labels).toContain('Net 90 days');
    sandbox.admin.insertOption('account', 'paymenttermscode', { value: 6, label: 'Due on receipt' });
    expect((await api.call('POST', 'accounts', { name: 'Receipt customer', paymenttermscode: 6 })).status).toBe(204);
  });

  it('custom columns with the publisher prefix, by admin call or POST …/Attributes, are served and validated', async () => {
    expect(() => sandbox.admin.addColumn('account', { logicalName: 'gpbalance', type: 'money' })).toThrow(/prefix/);
    sandbox.admin.addColumn('account', { logicalName: 'mlc_receivablesbalance', type: 'money' });
    sandbox.admin.addColumn('account', { logicalName: 'mlc_lastsync', type: 'datetime' });
    const created = await api.call('POST', "EntityDefinitions(LogicalName='account')/Attributes", {
      '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
      SchemaName: 'mlc_GpCustomerNumber',
      MaxLength: 15,
      DisplayName: { LocalizedLabels: [{ Label: 'GP Customer Number', LanguageCode: 1033 }] },
    });
    expect(created.status).toBe(204);
    expect(created.headers.get('odata-entityid')).toMatch(/EntityDefinitions\([0-9a-f-]{36}\)\/Attributes\([0-9a-f-]{36}\)$/);
    const write = await api.call(
      'PATCH',
      "accounts(accountnumber='GP-100')?$select=name,mlc_receivablesbalance,mlc_lastsync,mlc_gpcustomernumber",
      { name: 'Enriched', mlc_receivablesbalance: 1234.5, mlc_lastsync: '2026-01-02T03:04:05Z', mlc_gpcustomernumber: 'AARONFIT0001' },
      { prefer: 'return=representation' },
    );
    expect(write.status).toBe(201);
    expect(write.body).toMatchObject({ mlc_receivablesbalance: 1234.5, mlc_lastsync: '2026-01-02T03:04:05Z', mlc_gpcustomernumber: 'AARONFIT0001', _transactioncurrencyid_value: expect.any(String) });
    const tooLong = await api.call('PATCH', "accounts(accountnumber='GP-100')", { mlc_gpcustomernumber: 'X'.repeat(16) });
    expect(tooLong.status).toBe(400);
    const unknown = await api.call('PATCH', "accounts(accountnumber='GP-100')", { mlc_creditlimit2: 1 });
    expect(unknown.status).toBe(400);
  });

  it('RetrieveUserPrivileges lists the role; a removed privilege turns the API into 403 with the real text', async () => {
    const privs = await api.call('GET', `systemusers(${sandbox.appUserId})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()`);
    expect(privs.status).toBe(200);
    const names = (privs.body.RolePrivileges as Array<{ PrivilegeName: string; Depth: string; PrivilegeId: string; BusinessUnitId: string }>).map((p) => p.PrivilegeName);
    expect(names).toEqual(expect.arrayContaining(['prvReadAccount', 'prvWriteAccount', 'prvCreateAccount', 'prvReadContact']));
    sandbox.admin.setPrivilege('prvWriteAccount', false);
    const after = await api.call('GET', `systemusers(${sandbox.appUserId})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges`);
    expect((after.body.RolePrivileges as Array<{ PrivilegeName: string }>).map((p) => p.PrivilegeName)).not.toContain('prvWriteAccount');
    await api.call('POST', 'accounts', { name: 'Writable?', accountnumber: 'PRIV-1' });
    const denied = await api.call('PATCH', "accounts(accountnumber='PRIV-1')", { name: 'No' });
    expect(denied.status).toBe(403);
    expect(denied.body.error?.code).toBe('0x80040220');
    expect(denied.body.error?.message).toMatch(new RegExp(`^Principal user \\(Id=${sandbox.appUserId}, type=8, .*\\), is missing prvWriteAccount privilege \\(Id=[0-9a-f-]{36}\\) on OTC=1 for entity 'account'`));
    expect((await api.call('GET', "accounts(accountnumber='PRIV-1')?$select=name")).status).toBe(200);
    sandbox.admin.setPrivilege('prvWriteAccount', true);
    expect((await api.call('PATCH', "accounts(accountnumber='PRIV-1')", { name: 'Yes' })).status).toBe(204);
    expect((await api.call('POST', 'sdkmessages', { name: 'Mine' })).status).toBe(403);
  });

  it('errors are {error:{code,message}}; with include-annotations the CDS error details come along', async () => {
    const plain = await api.call('GET', "accounts(accountnumber='MISSING')");
    expect(Object.keys(plain.body)).toEqual(['error']);
    expect(Object.keys(plain.body.error ?? {})).toEqual(['code', 'message']);
    const annotated = await api.call('GET', "accounts(accountnumber='MISSING')", undefined, { prefer: 'odata.include-annotations="*"' });
    expect(annotated.status).toBe(404);
    const published = (EXAMPLES.error_with_annotations_400 as { body: { error: Record<string, unknown> } }).body.error;
    expect(Object.keys(annotated.body.error ?? {}).sort()).toEqual(Object.keys(published).sort());
    for (const key of Object.keys(published)) expect(typeof annotated.body.error?.[key]).toBe(typeof published[key]);
    expect(annotated.headers.get('content-type')).toBe('application/json; odata.metadata=minimal');
  });
});
