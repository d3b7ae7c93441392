/**
 * Offline checks of the Salesforce package. No org is reachable from CI and `sf project convert source` passes
 * broken files through (TOOLCHAIN §6), so each check here stands in for an error a deploy would report:
 * malformed XML, Apex syntax and types, a class without its -meta.xml, LWC that does not compile, references to
 * labels, classes, fields, permissions, tabs and apps that do not exist, the deploy pitfalls of
 * SALESFORCE-PACKAGE.md, the Change Data Capture allowance, and sfdx-project.json as a managed 2GP definition.
 */
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { XMLValidator } from 'fast-xml-parser';
import { ApexParserFactory, ApexErrorListener } from '@apexdevtools/apex-parser';
import { checkApexTypes } from './apex-types.ts';
import { checkChangeDataCapture } from './cdc-checks.ts';
import { checkCodeReferences } from './code-references.ts';
import { listFiles, packageDirectories, readPackageModel } from './metadata.ts';
import { checkMetadataReferences } from './metadata-references.ts';
import type { Problem } from './problem.ts';
import { checkProject } from './project-checks.ts';

const require = createRequire(import.meta.url);
// A dependency of @salesforce/sfdx-lwc-jest; the same compiler the platform runs on LWC source.
const { transformSync } = require('@lwc/compiler') as {
  transformSync: (src: string, file: string, opts: { namespace: string; name: string }) => unknown;
};

export type { Problem } from './problem.ts';

export interface CheckOptions {
  /** Also run `sf project convert source` (about 2–3 s). */
  convert?: boolean;
  /** Path of the `sf` binary; defaults to this repository's node_modules/.bin/sf. */
  sfBin?: string;
  /** Also type-check Apex with apex-ls (Java; about 6 s). */
  typeCheck?: boolean;
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

  const model = readPackageModel(root);
  problems.push(...checkCodeReferences(root, files, wellFormed, model));
  problems.push(...checkMetadataReferences(root, files, wellFormed, model));
  problems.push(...checkChangeDataCapture(root, files, wellFormed));
  problems.push(...checkProject(root));

  // Types only once the syntax is right: apex-ls reports a syntax error as a cascade of unknown names.
  if (options.typeCheck && !problems.some((p) => p.check === 'apex-syntax')) problems.push(...checkApexTypes(root));
  if (options.convert) problems.push(...convertSource(root, options.sfBin));
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
