import { describe, expect, it } from 'vitest';
import { PACKAGE_SCHEMA } from '../../../service/src/connectors/salesforce/package-schema.generated.ts';
import { createSalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';

describe('sandbox: the generated package schema', () => {
  it('loads every custom field of the package, unprefixed and namespaced', () => {
    const plain = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA });
    for (const [object, fields] of Object.entries(PACKAGE_SCHEMA.objects)) {
      for (const name of Object.keys(fields)) expect(plain.schema.get(object)?.field(name), `${object}.${name}`).toBeDefined();
    }
    expect(plain.schema.get('Account')?.field('GP_Customer_Number__c')).toMatchObject({ externalId: true, unique: true, caseSensitive: false, length: 15 });

    const managed = createSalesforceSandbox({ customSchema: PACKAGE_SCHEMA, namespace: 'mlc' });
    expect(managed.schema.get('Account')?.field('mlc__GP_Customer_Number__c')).toBeDefined();
    expect(managed.schema.get('Account')?.field('GP_Customer_Number__c')).toBeUndefined();
    const account = managed.records.create('Account', { Name: 'Acme', mlc__GP_Customer_Number__c: 'ACME' });
    expect(managed.records.findByField('Account', 'mlc__GP_Customer_Number__c', 'acme')[0]?.Id).toBe(account.Id);
  });
});
