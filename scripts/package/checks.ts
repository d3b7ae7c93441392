/**
 * Offline checks of the Salesforce package. No org is reachable from CI and `sf project convert source` passes
 * broken files through (TOOLCHAIN §6), so each check here stands in for an error a deploy would report:
 * malformed XML, Apex syntax, a class without its -meta.xml, LWC that does not compile, references to labels,
 * classes, fields or permissions that do not exist, and the deploy pitfalls of SALESFORCE-PACKAGE.md.
 */
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { XMLValidator } from 'fast-xml-parser';
import { ApexParserFactory, ApexErrorListener } from '@apexdevtools/apex-parser';
import { listFiles, packageDirectories, parseXml, readPackageModel } from './metadata.ts';

const require = createRequire(import.meta.url);
// A dependency of @salesforce/sfdx-lwc-jest; the same compiler the platform runs on LWC source.
const { transformSync } = require('@lwc/compiler') as {
  transformSync: (src: string, file: string, opts: { namespace: string; name: string }) => unknown;
};

export interface Problem {
  check: string;
  file: string;
  message: string;
}

export interface CheckOptions {
  /** Also run `sf project convert source` (about 2–3 s). */
  convert?: boolean;
  /** Path of the `sf` binary; defaults to this repository's node_modules/.bin/sf. */
  sfBin?: string;
}

class CollectingListener extends ApexErrorListener {
  errors: string[] = [];
  override apexSyntaxError(line: number, column: number, message: string): void {
    // "expecting {...}" lists ~150 tokens; the first 160 characters say what is wrong.
    this.errors.push(`${line}:${column} ${message.length > 160 ? `${message.slice(0, 160)}…` : message}`);
  }
}

export function parseApex(source: string, isTrigger: boolean): string[] {
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  if (isTrigger) parser.triggerUnit();
  else parser.compilationUnit();
  return listener.errors;
}

export async function checkPackage(root: string, options: CheckOptions = {}): Promise<Problem[]> {
  const problems: Problem[] = [];
  const add = (check: string, file: string, message: string) => problems.push({ check, file: relative(root, file), message });
  const dirs = packageDirectories(root);
  const files = dirs.flatMap((dir) => listFiles(dir)).filter((f) => !f.includes('/__tests__/'));
  const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as { sourceApiVersion: string };

  // 1. Every XML file is well-formed (convert copies broken XML through; the deploy would reject it).
  const xmlFiles = files.filter((f) => f.endsWith('.xml'));
  const wellFormed = new Set<string>();
  for (const file of xmlFiles) {
    const result = XMLValidator.validate(readFileSync(file, 'utf8'));
    if (result === true) wellFormed.add(file);
    else add('xml', file, `${result.err.line}:${result.err.col} ${result.err.msg}`);
  }

  // 2. Apex: each .cls/.trigger has its -meta.xml (else convert silently drops it) and parses.
  const apexFiles = files.filter((f) => f.endsWith('.cls') || f.endsWith('.trigger'));
  for (const file of apexFiles) {
    if (!existsSync(`${file}-meta.xml`)) add('apex-meta', file, `missing ${basename(file)}-meta.xml`);
    for (const error of parseApex(readFileSync(file, 'utf8'), file.endsWith('.trigger'))) add('apex-syntax', file, error);
  }
  for (const file of files.filter((f) => /\.(cls|trigger)-meta\.xml$/.test(f))) {
    if (!existsSync(file.replace(/-meta\.xml$/, ''))) add('apex-meta', file, 'meta file without its Apex source');
  }

  // 3. LWC: every bundle's JS and HTML compiles, and has its js-meta.xml.
  const lwcDirs = [...new Set(files.filter((f) => f.includes('/lwc/')).map((f) => f.split('/lwc/')[0] + '/lwc/' + f.split('/lwc/')[1]!.split('/')[0]))];
  for (const bundle of lwcDirs) {
    const name = basename(bundle);
    if (!existsSync(join(bundle, `${name}.js-meta.xml`))) add('lwc', bundle, `missing ${name}.js-meta.xml`);
    for (const file of listFiles(bundle).filter((f) => !f.includes('/__tests__/') && /\.(js|html)$/.test(f))) {
      try {
        transformSync(readFileSync(file, 'utf8'), basename(file), { namespace: 'c', name });
      } catch (error) {
        add('lwc-compile', file, (error as Error).message);
      }
    }
  }

  // 4. apiVersion pinned to the project's (66.0 keeps Apex in system mode by default; SALESFORCE-PACKAGE §0).
  for (const file of wellFormed) {
    const match = /<apiVersion>([^<]+)<\/apiVersion>/.exec(readFileSync(file, 'utf8'));
    if (match && match[1] !== project.sourceApiVersion) add('api-version', file, `apiVersion ${match[1]}, expected ${project.sourceApiVersion}`);
  }

  problems.push(...checkReferences(root, files, wellFormed));

  if (options.convert) problems.push(...convertSource(root, options.sfBin));
  return problems;
}

/** Cross-references a deploy would refuse: labels, Apex methods, permissions, fields, credentials, channels. */
function checkReferences(root: string, files: string[], wellFormed: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const add = (check: string, file: string, message: string) => problems.push({ check, file: relative(root, file), message });
  const ok = (f: string) => wellFormed.has(f);
  const model = readPackageModel(root);
  const fieldNames = new Set(Object.entries(model.objects).flatMap(([o, fields]) => Object.keys(fields).map((f) => `${o}.${f}`)));

  const labels = new Set<string>();
  for (const file of files.filter((f) => f.endsWith('.labels-meta.xml') && ok(f))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/<fullName>([^<]+)<\/fullName>/g)) labels.add(m[1]!);
  }
  const customPermissions = new Set(
    files.filter((f) => f.endsWith('.customPermission-meta.xml')).map((f) => basename(f, '.customPermission-meta.xml')),
  );
  const classes = new Map(files.filter((f) => f.endsWith('.cls')).map((f) => [basename(f, '.cls'), readFileSync(f, 'utf8')]));

  for (const file of files.filter((f) => f.endsWith('.cls'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:System\.)?Label\.(\w+)/g)) {
      if (!labels.has(m[1]!)) add('label', file, `Label.${m[1]} is not in CustomLabels`);
    }
  }
  for (const file of files.filter((f) => f.includes('/lwc/') && f.endsWith('.js'))) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/@salesforce\/label\/c\.(\w+)/g)) {
      if (!labels.has(m[1]!)) add('label', file, `label c.${m[1]} is not in CustomLabels`);
    }
    for (const m of source.matchAll(/@salesforce\/customPermission\/(\w+)/g)) {
      if (!customPermissions.has(m[1]!)) add('custom-permission', file, `custom permission ${m[1]} does not exist`);
    }
    for (const m of source.matchAll(/@salesforce\/apex\/(\w+)\.(\w+)/g)) {
      const body = classes.get(m[1]!);
      const aura = new RegExp(`@AuraEnabled[^\\n]*\\n\\s*(?:public|global) static [\\w.<>, ]+ ${m[2]}\\(`);
      if (!body) add('apex-import', file, `Apex class ${m[1]} does not exist`);
      else if (!aura.test(body)) add('apex-import', file, `${m[1]}.${m[2]} is not an @AuraEnabled static method`);
    }
    for (const m of source.matchAll(/@salesforce\/schema\/(\w+)\.(\w+__c)/g)) {
      if (!fieldNames.has(`${m[1]}.${m[2]}`)) add('schema-import', file, `field ${m[1]}.${m[2]} is not in the package`);
    }
  }

  // Named and external credentials: the SecuredEndpoint shape only (legacy elements fail; §3).
  const principals = new Set<string>();
  for (const file of files.filter((f) => f.endsWith('.externalCredential-meta.xml') && ok(f))) {
    const ec = parseXml(file).ExternalCredential as { externalCredentialParameters?: { parameterName: string; parameterType: string }[] };
    for (const p of ec.externalCredentialParameters ?? []) {
      if (p.parameterType === 'NamedPrincipal') principals.add(`${basename(file, '.externalCredential-meta.xml')}-${p.parameterName}`);
    }
  }
  for (const file of files.filter((f) => f.endsWith('.namedCredential-meta.xml') && ok(f))) {
    const text = readFileSync(file, 'utf8');
    for (const legacy of ['endpoint', 'protocol', 'principalType', 'authProvider', 'principals', 'url']) {
      if (new RegExp(`<${legacy}>`).test(text)) add('named-credential', file, `<${legacy}> is a legacy or invented element`);
    }
    const ecName = /<externalCredential>([^<]+)<\/externalCredential>/.exec(text)?.[1];
    if (!ecName || !files.some((f) => f.endsWith(`/${ecName}.externalCredential-meta.xml`))) {
      add('named-credential', file, `external credential ${ecName ?? '(none)'} is not in the package`);
    }
  }

  // Permission sets: every reference resolves; no FLS on required fields (§4).
  for (const file of files.filter((f) => f.endsWith('.permissionset-meta.xml') && ok(f))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<field>([^<]+)<\/field>/g)) {
      const [object, field] = m[1]!.split('.') as [string, string];
      const spec = model.objects[object]?.[field];
      if (!spec) add('permission-set', file, `field ${m[1]} is not in the package`);
      else if (spec.required) add('permission-set', file, `required field ${m[1]} must not be in fieldPermissions`);
    }
    for (const m of text.matchAll(/<apexClass>([^<]+)<\/apexClass>/g)) {
      if (!classes.has(m[1]!)) add('permission-set', file, `Apex class ${m[1]} does not exist`);
    }
    for (const m of text.matchAll(/<customPermissions>\s*<enabled>\w+<\/enabled>\s*<name>([^<]+)<\/name>/g)) {
      if (!customPermissions.has(m[1]!)) add('permission-set', file, `custom permission ${m[1]} does not exist`);
    }
    for (const m of text.matchAll(/<externalCredentialPrincipal>([^<]+)<\/externalCredentialPrincipal>/g)) {
      if (!principals.has(m[1]!)) add('permission-set', file, `principal ${m[1]} is not defined by an external credential`);
    }
  }

  // Channel members: file name <Channel>_chn_<Entity>, channel in the package (§8).
  for (const file of files.filter((f) => f.endsWith('.platformEventChannelMember-meta.xml') && ok(f))) {
    const member = parseXml(file).PlatformEventChannelMember as { eventChannel: string; selectedEntity: string };
    const expected = `${member.eventChannel}_${member.selectedEntity}`.replace(/__/g, '_');
    if (basename(file, '.platformEventChannelMember-meta.xml') !== expected) add('channel', file, `file name should be ${expected}`);
    if (!files.some((f) => f.endsWith(`/${member.eventChannel}.platformEventChannel-meta.xml`))) {
      add('channel', file, `channel ${member.eventChannel} is not in the package`);
    }
  }

  // AutoNumber names need a {0...} display format (a templating slip once turned it into "0"; pitfall 5).
  for (const file of files.filter((f) => f.endsWith('.object-meta.xml') && ok(f))) {
    const text = readFileSync(file, 'utf8');
    if (/<type>AutoNumber<\/type>/.test(text) && !/<displayFormat>[^<]*\{0+\}[^<]*<\/displayFormat>/.test(text)) {
      add('object', file, 'AutoNumber name without a {000} display format');
    }
  }
  return problems;
}

function convertSource(root: string, sfBin?: string): Problem[] {
  const out = mkdtempSync(join(tmpdir(), 'mlc-convert-'));
  // This repository's CLI (the checked root may be a temporary copy without node_modules).
  const bin = sfBin ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules/@salesforce/cli/bin/run.js');
  try {
    const result = spawnSync(process.execPath, [bin, 'project', 'convert', 'source', '--root-dir', 'force-app', '--output-dir', out, '--json'], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        SF_DISABLE_AUTOUPDATE: 'true',
        SF_AUTOUPDATE_DISABLE: 'true',
        SF_DISABLE_TELEMETRY: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true',
      },
      timeout: 120_000,
    });
    if (result.status === 0) return [];
    const detail = (result.stdout || result.stderr || String(result.error)).slice(0, 2000);
    return [{ check: 'convert', file: 'force-app', message: `sf project convert source failed: ${detail}` }];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
