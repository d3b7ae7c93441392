/**
 * Metadata a deploy would refuse (SALESFORCE-PACKAGE.md pitfalls): legacy Named Credential elements, permission
 * set references to fields, classes, permissions, principals, tabs and apps that do not exist, FLS on required or
 * master-detail fields, channel member file names, master-detail objects without ControlledByParent, tabs that
 * name a missing object or a component without the lightning__Tab target, app tabs and layout fields that do not
 * exist, and AutoNumber names without a {0} format.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseXml, type PackageModel } from './metadata.ts';
import type { Problem } from './problem.ts';

const STANDARD_TAB = /^standard-\w+$/;

export function checkMetadataReferences(root: string, files: string[], wellFormed: Set<string>, model: PackageModel): Problem[] {
  const problems: Problem[] = [];
  const add = (check: string, file: string, message: string) => problems.push({ check, file: relative(root, file), message });
  const ok = (f: string) => wellFormed.has(f);
  const named = (suffix: string) => new Set(files.filter((f) => f.endsWith(suffix)).map((f) => basename(f, suffix)));
  const customPermissions = named('.customPermission-meta.xml');
  const classes = named('.cls');
  const tabs = named('.tab-meta.xml');
  const apps = named('.app-meta.xml');
  const customObjects = named('.object-meta.xml');

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

  // Permission sets: every reference resolves; no FLS on required or master-detail fields (§4).
  for (const file of files.filter((f) => f.endsWith('.permissionset-meta.xml') && ok(f))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<field>([^<]+)<\/field>/g)) {
      const [object, field] = m[1]!.split('.') as [string, string];
      const spec = model.objects[object]?.[field];
      if (!spec) add('permission-set', file, `field ${m[1]} is not in the package`);
      else if (spec.required) add('permission-set', file, `required field ${m[1]} must not be in fieldPermissions`);
      else if (spec.type === 'MasterDetail') add('permission-set', file, `master-detail field ${m[1]} must not be in fieldPermissions`);
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
    for (const m of text.matchAll(/<tab>([^<]+)<\/tab>/g)) {
      if (!STANDARD_TAB.test(m[1]!) && !tabs.has(m[1]!)) add('permission-set', file, `tab ${m[1]} is not in the package`);
    }
    for (const m of text.matchAll(/<application>([^<]+)<\/application>/g)) {
      if (!apps.has(m[1]!)) add('permission-set', file, `application ${m[1]} is not in the package`);
    }
    for (const m of text.matchAll(/<object>([^<]+__c)<\/object>/g)) {
      if (!customObjects.has(m[1]!)) add('permission-set', file, `object ${m[1]} is not in the package`);
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

  // Objects: AutoNumber names need a {0...} format (pitfall 5); a master-detail child is ControlledByParent (§1).
  for (const file of files.filter((f) => f.endsWith('.object-meta.xml') && ok(f))) {
    const text = readFileSync(file, 'utf8');
    const object = basename(file, '.object-meta.xml');
    if (/<type>AutoNumber<\/type>/.test(text) && !/<displayFormat>[^<]*\{0+\}[^<]*<\/displayFormat>/.test(text)) {
      add('object', file, 'AutoNumber name without a {000} display format');
    }
    const hasMasterDetail = Object.values(model.objects[object] ?? {}).some((f) => f.type === 'MasterDetail');
    const controlled = /<sharingModel>ControlledByParent<\/sharingModel>/.test(text);
    if (hasMasterDetail && !controlled) add('object', file, 'an object with a master-detail field needs <sharingModel>ControlledByParent');
    if (controlled && !hasMasterDetail) add('object', file, 'ControlledByParent without a master-detail field fails the deploy');
  }
  for (const file of files.filter((f) => f.endsWith('.field-meta.xml') && ok(f))) {
    const text = readFileSync(file, 'utf8');
    if (/<type>MasterDetail<\/type>/.test(text) && /<(required|deleteConstraint)>/.test(text)) {
      add('object', file, 'a master-detail field takes neither <required> nor <deleteConstraint>');
    }
  }

  problems.push(...checkNavigation(root, files, ok, { tabs, customObjects }));
  problems.push(...checkLayouts(root, files, ok, model));
  return problems;
}

/** Tabs name an object or a tab-capable component; apps name tabs that exist. */
function checkNavigation(
  root: string,
  files: string[],
  ok: (f: string) => boolean,
  known: { tabs: Set<string>; customObjects: Set<string> },
): Problem[] {
  const problems: Problem[] = [];
  const add = (file: string, message: string) => problems.push({ check: 'navigation', file: relative(root, file), message });
  for (const file of files.filter((f) => f.endsWith('.tab-meta.xml') && ok(f))) {
    const tab = parseXml(file).CustomTab as { customObject?: string; lwcComponent?: string; label?: string; motif?: string };
    const name = basename(file, '.tab-meta.xml');
    if (!tab.motif) add(file, 'a tab needs a <motif> (its icon)');
    if (String(tab.customObject) === 'true') {
      if (!known.customObjects.has(name)) add(file, `tab for object ${name}, which is not in the package`);
    } else if (tab.lwcComponent) {
      const meta = join(dirname(dirname(file)), 'lwc', tab.lwcComponent, `${tab.lwcComponent}.js-meta.xml`);
      if (!existsSync(meta)) add(file, `component ${tab.lwcComponent} is not in the package`);
      else if (!readFileSync(meta, 'utf8').includes('<target>lightning__Tab</target>')) add(file, `component ${tab.lwcComponent} lacks the lightning__Tab target`);
      if (!tab.label) add(file, 'a component tab needs a <label>');
    } else {
      add(file, 'a tab must name a custom object (<customObject>true) or a component (<lwcComponent>)');
    }
  }
  for (const file of files.filter((f) => f.endsWith('.app-meta.xml') && ok(f))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<tabs>([^<]+)<\/tabs>/g)) {
      if (!STANDARD_TAB.test(m[1]!) && !known.tabs.has(m[1]!)) add(file, `tab ${m[1]} is not in the package`);
    }
  }
  return problems;
}

/** Layout fields and related lists refer to package fields of the right object. */
function checkLayouts(root: string, files: string[], ok: (f: string) => boolean, model: PackageModel): Problem[] {
  const problems: Problem[] = [];
  const add = (file: string, message: string) => problems.push({ check: 'layout', file: relative(root, file), message });
  for (const file of files.filter((f) => f.endsWith('.layout-meta.xml') && ok(f))) {
    const object = basename(file, '.layout-meta.xml').split('-')[0]!;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<field>(\w+__c)<\/field>/g)) {
      if (!model.objects[object]?.[m[1]!]) add(file, `field ${object}.${m[1]} is not in the package`);
    }
    for (const m of text.matchAll(/<relatedList>(\w+__c)\.(\w+__c)<\/relatedList>/g)) {
      const spec = model.objects[m[1]!]?.[m[2]!];
      if (!spec) add(file, `related list ${m[1]}.${m[2]}: no such package field`);
      else if (spec.referenceTo !== object) add(file, `related list ${m[1]}.${m[2]} points to ${spec.referenceTo ?? 'nothing'}, not ${object}`);
    }
  }
  return problems;
}
