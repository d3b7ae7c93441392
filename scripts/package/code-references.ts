/**
 * References from code a deploy would refuse: custom labels used by Apex and LWC, `@salesforce/apex` imports of
 * methods that are not `@AuraEnabled static`, schema imports of fields the package does not define, and custom
 * permissions that do not exist.
 */
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import type { PackageModel } from './metadata.ts';
import type { Problem } from './problem.ts';

export function checkCodeReferences(root: string, files: string[], wellFormed: Set<string>, model: PackageModel): Problem[] {
  const problems: Problem[] = [];
  const add = (check: string, file: string, message: string) => problems.push({ check, file: relative(root, file), message });
  const fieldNames = new Set(Object.entries(model.objects).flatMap(([o, fields]) => Object.keys(fields).map((f) => `${o}.${f}`)));

  const labels = new Set<string>();
  for (const file of files.filter((f) => f.endsWith('.labels-meta.xml') && wellFormed.has(f))) {
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
  return problems;
}
