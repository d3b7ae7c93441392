import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackage } from '../../scripts/package/checks.ts';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const main = 'force-app/main/default';
const copies: string[] = [];

/** A throwaway copy of the package: the broken files go there, never into force-app. */
function copyPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-package-'));
  copies.push(dir);
  cpSync(join(root, 'force-app'), join(dir, 'force-app'), { recursive: true });
  cpSync(join(root, 'sfdx-project.json'), join(dir, 'sfdx-project.json'));
  cpSync(join(root, '.forceignore'), join(dir, '.forceignore'));
  return dir;
}

function edit(dir: string, path: string, change: (text: string) => string): void {
  const file = join(dir, main, path);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  expect(after, `the edit of ${path} changed nothing`).not.toBe(before);
  writeFileSync(file, after);
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('check:package', () => {
  it('passes on the package as committed, including the sf convert', async () => {
    expect(await checkPackage(copyPackage(), { convert: true })).toEqual([]);
  }, 60_000);

  it('catches malformed metadata XML', async () => {
    const dir = copyPackage();
    edit(dir, 'objects/Account/fields/GP_Customer_Number__c.field-meta.xml', (t) => t.replace('</label>', '</labl>'));
    const problems = await checkPackage(dir);
    expect(problems).toEqual([
      expect.objectContaining({ check: 'xml', file: `${main}/objects/Account/fields/GP_Customer_Number__c.field-meta.xml` }),
    ]);
  });

  it('catches an Apex syntax error with its position', async () => {
    const dir = copyPackage();
    edit(dir, 'classes/ErpDocumentController.cls', (t) => t.replace('rowLimit = maxRows == null', 'rowLimit = = maxRows == null'));
    const problems = await checkPackage(dir);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.check === 'apex-syntax' && p.file.endsWith('ErpDocumentController.cls'))).toBe(true);
    expect(problems[0]!.message).toMatch(/^\d+:\d+ /);
  });

  it('catches an Apex class without its -meta.xml, which convert would silently drop', async () => {
    const dir = copyPackage();
    unlinkSync(join(dir, main, 'classes/ErpDocumentController.cls-meta.xml'));
    expect(await checkPackage(dir)).toContainEqual(
      expect.objectContaining({ check: 'apex-meta', message: 'missing ErpDocumentController.cls-meta.xml' }),
    );
  });

  it('catches an LWC template the compiler rejects', async () => {
    const dir = copyPackage();
    edit(dir, 'lwc/syncHistory/syncHistory.html', (t) => t.replace('for:each={events} for:item="event"', 'for:each={events}'));
    expect(await checkPackage(dir)).toContainEqual(expect.objectContaining({ check: 'lwc-compile', file: `${main}/lwc/syncHistory/syncHistory.html` }));
  });

  it('catches references to labels, Apex methods and fields that do not exist', async () => {
    const dir = copyPackage();
    edit(dir, 'lwc/invoiceStatus/invoiceStatus.js', (t) =>
      t
        .replace('c.MLC_Sync_Now', 'c.MLC_Sync_Now_Typo')
        .replace('ConnectorServiceController.requestSync', 'ConnectorServiceController.requestSyncs')
        .replace('Account.ERP_Total_Paid__c', 'Account.ERP_Total_Payed__c'),
    );
    const checks = (await checkPackage(dir)).map((p) => `${p.check}: ${p.message}`);
    expect(checks).toEqual([
      'label: label c.MLC_Sync_Now_Typo is not in CustomLabels',
      'apex-import: ConnectorServiceController.requestSyncs is not an @AuraEnabled static method',
      'schema-import: field Account.ERP_Total_Payed__c is not in the package',
    ]);
  });

  it('catches permission set and channel mistakes that fail a deploy', async () => {
    const dir = copyPackage();
    edit(dir, 'permissionsets/ML_Connector_Rep.permissionset-meta.xml', (t) =>
      t.replace('ML_Connector-ML_Connector_Principal', 'ML_Connector - ML_Connector_Principal'),
    );
    edit(dir, 'objects/ERP_Document__c/fields/Amount__c.field-meta.xml', (t) => t.replace('<required>false</required>', '<required>true</required>'));
    edit(dir, 'platformEventChannelMembers/ML_Connector_chn_OrderChangeEvent.platformEventChannelMember-meta.xml', (t) =>
      t.replace('<selectedEntity>OrderChangeEvent', '<selectedEntity>OrderItemChangeEvent'),
    );
    const checks = (await checkPackage(dir)).map((p) => `${p.check}: ${p.message}`);
    expect(checks).toEqual(
      expect.arrayContaining([
        'permission-set: principal ML_Connector - ML_Connector_Principal is not defined by an external credential',
        'permission-set: required field ERP_Document__c.Amount__c must not be in fieldPermissions',
        'channel: file name should be ML_Connector_chn_OrderItemChangeEvent',
      ]),
    );
  });
});
