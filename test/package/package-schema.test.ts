import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePackageSchemaSource, GENERATED_SCHEMA_PATH } from '../../scripts/generate-package-schema.ts';
import * as generated from '../../service/src/connectors/salesforce/package-schema.generated.ts';
import { PACKAGE_SCHEMA, PACKAGE_CHANGE_EVENT_CHANNELS } from '../../service/src/connectors/salesforce/package-schema.generated.ts';
import type { PackageField } from '../../service/src/connectors/salesforce/package-schema.generated.ts';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

describe('generated package schema', () => {
  it('matches force-app (run `npm run generate:package-schema` after changing a field)', () => {
    const committed = readFileSync(join(root, GENERATED_SCHEMA_PATH), 'utf8');
    expect(committed).toBe(generatePackageSchemaSource(root));
  });

  it('describes the GP customer number the GP to Account flow upserts on', () => {
    expect(PACKAGE_SCHEMA.objects.Account.GP_Customer_Number__c).toEqual({
      type: 'Text',
      length: 15,
      externalId: true,
      unique: true,
      caseSensitive: false,
      required: false,
      label: 'GP Customer Number',
    });
    const field: PackageField<'Account'> = 'GP_Customer_Number__c';
    expect(field in PACKAGE_SCHEMA.objects.Account).toBe(true);
  });

  it('keeps every External Id unique and case-insensitive, and every package field optional', () => {
    for (const [object, fields] of Object.entries(PACKAGE_SCHEMA.objects)) {
      for (const [name, spec] of Object.entries(fields)) {
        const s = spec as { externalId?: boolean; unique?: boolean; caseSensitive?: boolean; required?: boolean };
        // Optional everywhere: a required field cannot take FLS in a permission set (SALESFORCE-PACKAGE §4).
        expect(s.required, `${object}.${name}`).toBe(false);
        if (s.externalId) {
          expect({ unique: s.unique, caseSensitive: s.caseSensitive }, `${object}.${name}`).toEqual({ unique: true, caseSensitive: false });
        }
      }
    }
  });

  it('declares the custom CDC channel with five entities, the children among them read through their parents', () => {
    expect(PACKAGE_CHANGE_EVENT_CHANNELS).toEqual([
      { name: 'ML_Connector__chn', entities: ['AccountChangeEvent', 'ContactChangeEvent', 'OrderChangeEvent', 'OrderItemChangeEvent', 'Product2ChangeEvent'] },
    ]);
    // Read by name: the service's copy of the schema gains these exports at the next `npm run generate:package-schema`.
    const exported = generated as Record<string, unknown>;
    expect(exported.PACKAGE_CHANGE_EVENT_PARENTS).toEqual({
      ContactChangeEvent: { entity: 'Account', field: 'AccountId' },
      OrderItemChangeEvent: { entity: 'Order', field: 'OrderId' },
    });
    expect(exported.PACKAGE_NAMESPACE).toBe('mlconn');
    expect(PACKAGE_SCHEMA.namespace).toBe('');
  });
});
