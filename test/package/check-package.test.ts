import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackage } from '../../scripts/package/checks.ts';
import { setNamespace } from '../../scripts/package/set-namespace.ts';

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
  cpSync(join(root, 'config'), join(dir, 'config'), { recursive: true });
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
  it('passes on the package as committed, including the sf convert and the apex-ls type checks', async () => {
    expect(await checkPackage(copyPackage(), { convert: true, typeCheck: true })).toEqual([]);
  }, 240_000);

  it('catches an Apex reference to a field the package does not define (apex-ls)', async () => {
    const dir = copyPackage();
    edit(dir, 'classes/ErpDocumentController.cls', (t) => t.replace('line.balance = row.Balance__c;', 'line.balance = row.Open_Balance__c;'));
    const problems = await checkPackage(dir, { typeCheck: true });
    expect(problems).toEqual([
      expect.objectContaining({ check: 'apex-types', file: `${main}/classes/ErpDocumentController.cls`, message: expect.stringContaining("Unknown field 'Open_Balance__c'") }),
    ]);
  }, 240_000);

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
    edit(dir, 'permissionsets/ML_Connector_Rep.permissionset-meta.xml', (t) =>
      t.replace(
        '<fieldPermissions>',
        '<fieldPermissions>\n        <editable>false</editable>\n        <field>ERP_Document__c.Account__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n    <fieldPermissions>',
      ),
    );
    const checks = (await checkPackage(dir)).map((p) => `${p.check}: ${p.message}`);
    expect(checks).toEqual(
      expect.arrayContaining([
        'permission-set: principal ML_Connector - ML_Connector_Principal is not defined by an external credential',
        'permission-set: required field ERP_Document__c.Amount__c must not be in fieldPermissions',
        'permission-set: master-detail field ERP_Document__c.Account__c must not be in fieldPermissions',
        'channel: file name should be ML_Connector_chn_OrderItemChangeEvent',
      ]),
    );
  });

  it('fails a sixth Change Data Capture entity, as a deploy into an org without the add-on would', async () => {
    const dir = copyPackage();
    writeFileSync(
      join(dir, main, 'platformEventChannelMembers/ML_Connector_chn_OpportunityChangeEvent.platformEventChannelMember-meta.xml'),
      readFileSync(join(dir, main, 'platformEventChannelMembers/ML_Connector_chn_AccountChangeEvent.platformEventChannelMember-meta.xml'), 'utf8').replace(
        'AccountChangeEvent',
        'OpportunityChangeEvent',
      ),
    );
    const problems = (await checkPackage(dir)).filter((p) => p.check === 'cdc');
    expect(problems.map((p) => p.message)).toEqual([
      '6 entities selected for Change Data Capture (AccountChangeEvent, ContactChangeEvent, OpportunityChangeEvent, OrderChangeEvent, ' +
        'OrderItemChangeEvent, Product2ChangeEvent); an org without the add-on may select 5 and the deploy fails on the next one',
      'OpportunityChangeEvent is not in the CDC design (scripts/package/cdc-design.ts): say which flow reads it, or drop the member',
    ]);
  });

  it('fails when a member the service reads from the channel is missing, or the standard channel is used', async () => {
    const dir = copyPackage();
    unlinkSync(join(dir, main, 'platformEventChannelMembers/ML_Connector_chn_OrderItemChangeEvent.platformEventChannelMember-meta.xml'));
    edit(dir, 'platformEventChannelMembers/ML_Connector_chn_ContactChangeEvent.platformEventChannelMember-meta.xml', (t) =>
      t.replace('<eventChannel>ML_Connector__chn', '<eventChannel>ChangeEvents'),
    );
    const cdc = (await checkPackage(dir)).filter((p) => p.check === 'cdc').map((p) => p.message);
    expect(cdc).toEqual(
      expect.arrayContaining([
        'selects an entity on the standard ChangeEvents channel; use the package channel',
        'ContactChangeEvent is missing from ML_Connector__chn: the service reads it from the channel (scripts/package/cdc-design.ts)',
        'OrderItemChangeEvent is missing from ML_Connector__chn: the service reads it from the channel (scripts/package/cdc-design.ts)',
      ]),
    );
  });

  it('holds sfdx-project.json to a managed 2GP definition: a namespace, and a post-install script that is public', async () => {
    const dir = copyPackage();
    setNamespace(dir, '');
    edit(dir, 'classes/ConnectorInstallHandler.cls', (t) => t.replace('public with sharing class ConnectorInstallHandler', 'global with sharing class ConnectorInstallHandler'));
    const project = (await checkPackage(dir)).filter((p) => p.check === 'project').map((p) => p.message);
    expect(project).toEqual([
      'no namespace: a managed 2GP package cannot be created (npm run package:namespace -- <prefix>)',
      'postInstallScript ConnectorInstallHandler is global; install handlers must be public (AppExchange rule)',
    ]);
  });

  it('sets a valid namespace and refuses one Salesforce would not register', () => {
    const dir = copyPackage();
    setNamespace(dir, 'acmeconn');
    expect(JSON.parse(readFileSync(join(dir, 'sfdx-project.json'), 'utf8')).namespace).toBe('acmeconn');
    expect(() => setNamespace(dir, 'acme__conn')).toThrow('may not contain "__"');
    expect(() => setNamespace(dir, '9lives')).toThrow('must start with a letter');
    expect(() => setNamespace(dir, 'averyveryverylongprefix')).toThrow('longer than 15');
  });

  it('catches tabs, apps and layouts that name what is not there', async () => {
    const dir = copyPackage();
    edit(dir, 'tabs/ML_Connector_Home.tab-meta.xml', (t) => t.replace('<lwcComponent>connectorHome', '<lwcComponent>connectorStatus'));
    edit(dir, 'applications/ML_Connector.app-meta.xml', (t) => t.replace('<tabs>ERP_Document__c</tabs>', '<tabs>ERP_Invoice__c</tabs>'));
    edit(dir, 'layouts/Account-ML Connector Account Layout.layout-meta.xml', (t) =>
      t.replace('<relatedList>ERP_Sync_Status__c.Account__c</relatedList>', '<relatedList>ERP_Sync_Status__c.Order__c</relatedList>'),
    );
    const checks = (await checkPackage(dir)).map((p) => `${p.check}: ${p.message}`);
    expect(checks).toEqual([
      'navigation: component connectorStatus lacks the lightning__Tab target',
      'navigation: tab ERP_Invoice__c is not in the package',
      'layout: related list ERP_Sync_Status__c.Order__c points to Order, not Account',
    ]);
  });
});
