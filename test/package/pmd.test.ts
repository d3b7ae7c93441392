import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCEPTED_QUALITY_RULES, ACCEPTED_SECURITY_FINDINGS, runPmd } from '../../scripts/package/pmd.ts';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const main = 'force-app/main/default';
const copies: string[] = [];

function copyPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-pmd-'));
  copies.push(dir);
  cpSync(join(root, 'force-app'), join(dir, 'force-app'), { recursive: true });
  cpSync(join(root, 'sfdx-project.json'), join(dir, 'sfdx-project.json'));
  return dir;
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// PMD runs in a JVM (two passes, 10–70 s on a busy 2-core machine): one test for the package as committed, one for
// a copy with the mistakes a reviewer looks for.
describe('check:apex-pmd', () => {
  it('finds no Apex security finding and nothing beyond the documented false positives in the package as committed', () => {
    const report = runPmd(copyPackage());
    expect(report.processingErrors).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(report.findings.filter((f) => f.pass === 'security' && f.file.endsWith('.cls'))).toEqual([]);
    const accepted = new Set(report.findings.map((f) => f.rule));
    for (const rule of Object.keys(ACCEPTED_QUALITY_RULES)) expect(accepted.has(rule), `${rule} still needed`).toBe(true);
    for (const fp of ACCEPTED_SECURITY_FINDINGS) {
      expect(report.findings.some((f) => f.rule === fp.rule && f.file === fp.file), `${fp.file} still flagged`).toBe(true);
    }
  }, 300_000);

  it('fails a query without sharing or user mode, a hard-coded secret, a global install handler and an http remote site', () => {
    const dir = copyPackage();
    writeFileSync(
      join(dir, main, 'classes/LeakyController.cls'),
      [
        'public class LeakyController {',
        "    private static final String API_PASSWORD = 's3cr3t-value';",
        '    @AuraEnabled',
        '    public static List<Account> everyAccount(String name) {',
        "        return Database.query('SELECT Id, Name FROM Account WHERE Name = \\'' + name + '\\'');",
        '    }',
        '    @AuraEnabled',
        '    public static List<Contact> everyContact() {',
        '        return [SELECT Id, Email FROM Contact];',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, main, 'classes/LeakyController.cls-meta.xml'), readFileSync(join(dir, main, 'classes/ConnectorJson.cls-meta.xml')));
    const handler = join(dir, main, 'classes/ConnectorInstallHandler.cls');
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('public with sharing class ConnectorInstallHandler', 'global with sharing class ConnectorInstallHandler'));
    mkdirSync(join(dir, main, 'remoteSiteSettings'));
    writeFileSync(
      join(dir, main, 'remoteSiteSettings/Connector.remoteSite-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<RemoteSiteSetting xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
        '    <disableProtocolSecurity>false</disableProtocolSecurity>\n    <isActive>true</isActive>\n' +
        '    <url>http://connector.example.com</url>\n</RemoteSiteSetting>\n',
    );

    const failing = new Set(runPmd(dir).failures.map((f) => `${f.pass}/${f.rule}`));
    expect([...failing]).toEqual(
      expect.arrayContaining([
        'security/ApexSharingViolations',
        'security/ApexSOQLInjection',
        'security/ApexCRUDViolation',
        'security/AvoidHardcodedCredentialsInFieldDecls',
        'security/AvoidGlobalInstallUninstallHandlers',
        'security/AvoidInsecureHttpRemoteSiteSetting',
      ]),
    );
  }, 300_000);
});
