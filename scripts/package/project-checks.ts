/**
 * sfdx-project.json as a managed 2GP package definition (SALESFORCE-PACKAGE.md §7): a valid namespace, the package
 * directory's name, version number and build-org definition, and a post-install script that exists and follows
 * the AppExchange rule for install handlers (public, not global).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from './problem.ts';

export interface PackageDirectory {
  path: string;
  default?: boolean;
  package?: string;
  versionName?: string;
  versionNumber?: string;
  definitionFile?: string;
  postInstallScript?: string;
  ancestorVersion?: string;
}

export interface SfdxProject {
  packageDirectories: PackageDirectory[];
  namespace?: string;
  sourceApiVersion: string;
  packageAliases?: Record<string, string>;
}

/**
 * A namespace prefix: 1–15 letters, digits and single underscores, starting with a letter, not ending with an
 * underscore (Salesforce's rules for registering one). '' means no namespace.
 */
export function namespaceProblem(namespace: string): string | undefined {
  if (namespace === '') return undefined;
  if (namespace.length > 15) return `namespace "${namespace}" is longer than 15 characters`;
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(namespace)) return `namespace "${namespace}" must start with a letter and hold only letters, digits and underscores`;
  if (namespace.includes('__') || namespace.endsWith('_')) return `namespace "${namespace}" may not contain "__" or end with "_"`;
  return undefined;
}

export function readProject(root: string): SfdxProject {
  return JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as SfdxProject;
}

export function checkProject(root: string): Problem[] {
  const problems: Problem[] = [];
  const add = (message: string) => problems.push({ check: 'project', file: 'sfdx-project.json', message });
  const project = readProject(root);
  const namespace = project.namespace ?? '';
  const bad = namespaceProblem(namespace);
  if (bad) add(bad);
  if (namespace === '') add('no namespace: a managed 2GP package cannot be created (npm run package:namespace -- <prefix>)');

  const dir = project.packageDirectories.find((d) => d.default) ?? project.packageDirectories[0];
  if (!dir) return [...problems, { check: 'project', file: 'sfdx-project.json', message: 'no packageDirectories' }];
  if (!dir.package) add(`package directory ${dir.path} names no package`);
  if (!dir.versionNumber || !/^\d+\.\d+\.\d+\.(NEXT|\d+)$/.test(dir.versionNumber)) add(`versionNumber "${dir.versionNumber ?? ''}" is not major.minor.patch.NEXT`);
  if (!dir.definitionFile || !existsSync(join(root, dir.definitionFile))) add(`definitionFile ${dir.definitionFile ?? '(none)'} does not exist`);
  if (dir.postInstallScript) {
    const source = join(root, dir.path, 'main/default/classes', `${dir.postInstallScript}.cls`);
    if (!existsSync(source)) add(`postInstallScript ${dir.postInstallScript} is not a class in ${dir.path}`);
    else {
      const text = readFileSync(source, 'utf8');
      if (!/\bimplements\s+InstallHandler\b/.test(text)) add(`postInstallScript ${dir.postInstallScript} does not implement InstallHandler`);
      if (/\bglobal\s+(?:with|without|inherited)?\s*(?:sharing\s+)?class\b/.test(text)) add(`postInstallScript ${dir.postInstallScript} is global; install handlers must be public (AppExchange rule)`);
    }
  }
  return problems;
}
