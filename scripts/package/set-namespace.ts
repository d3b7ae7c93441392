/**
 * Sets the namespace the managed package is built with, in sfdx-project.json. It must be the prefix registered
 * in your namespace org and linked to your Dev Hub (docs/package-build.md); the source itself is written without
 * it, so a source deploy into an org without a namespace works whatever this says.
 *
 * Usage: npm run package:namespace -- <prefix>     e.g. mlconn
 *        npm run package:namespace -- --none      (no namespace: unlocked or unmanaged builds only)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { namespaceProblem } from './project-checks.ts';

/** Rewrites only the namespace key of sfdx-project.json, keeping the rest of the file as it is. */
export function setNamespace(root: string, namespace: string): void {
  const problem = namespaceProblem(namespace);
  if (problem) throw new Error(problem);
  const path = join(root, 'sfdx-project.json');
  const project = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  project.namespace = namespace;
  writeFileSync(path, `${JSON.stringify(project, null, 2)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2];
  if (!arg) {
    console.error('usage: npm run package:namespace -- <prefix> | --none');
    process.exit(2);
  }
  const root = resolve(fileURLToPath(import.meta.url), '../../..');
  try {
    setNamespace(root, arg === '--none' ? '' : arg);
    console.log(`sfdx-project.json: namespace "${arg === '--none' ? '' : arg}"`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
