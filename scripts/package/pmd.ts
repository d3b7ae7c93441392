/**
 * PMD over force-app as an AppExchange security reviewer runs it (Salesforce Code Analyzer's PMD engine, straight
 * from its npm package on Debian's JDK; java-tools.ts), in two passes:
 * - security: PMD's Apex security rules and Salesforce's AppExchange rules for Apex, metadata XML, LWC templates
 *   and LWC JavaScript. Every finding fails, except the false positives accepted one by one (rule + file) in
 *   ACCEPTED_SECURITY_FINDINGS; none of them is in Apex.
 * - quality: PMD's Apex best-practice, error-prone and performance rules. A finding fails unless its rule is
 *   accepted in ACCEPTED_QUALITY_RULES, where each acceptance says why; docs/security-review-false-positives.md
 *   repeats the list for the reviewer.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { listFiles, packageDirectories } from './metadata.ts';
import { runJava } from './java-tools.ts';

export const SECURITY_RULESETS = [
  'category/apex/security.xml',
  'sfca/rulesets/AppExchange_apex.xml',
  'sfca/rulesets/AppExchange_xml.xml',
  'sfca/rulesets/AppExchange_html.xml',
  'sfca/rulesets/AppExchange_javascript.xml',
];
export const QUALITY_RULESETS = ['category/apex/bestpractices.xml', 'category/apex/errorprone.xml', 'category/apex/performance.xml'];

/**
 * Security findings accepted as false positives, one by one (rule + file), and why. Apex has none; any new
 * security finding fails. Kept in step with docs/security-review-false-positives.md.
 */
export const ACCEPTED_SECURITY_FINDINGS: { rule: string; file: string; why: string }[] = [
  {
    rule: 'ProtectSensitiveData',
    file: 'force-app/main/default/objects/ERP_Document__c/fields/Document_Key__c.field-meta.xml',
    why: 'an External Id made of the ERP and document number ("GP:Invoice:STDINV2051"), not a secret; the rule matches "KEY" in any field name',
  },
  {
    rule: 'ProtectSensitiveData',
    file: 'force-app/main/default/objects/Field_Mapping__c/fields/Mapping_Key__c.field-meta.xml',
    why: 'an External Id made of a flow id and a field name ("gp-customers-to-sf-accounts:name"), not a secret',
  },
];

/** Quality rules whose findings are accepted, and why (kept in step with docs/security-review-false-positives.md). */
export const ACCEPTED_QUALITY_RULES: Record<string, string> = {
  ApexUnitTestClassShouldHaveRunAs:
    'asked of every test method; tests of parsing, error mapping and checklist logic use injected access doubles on purpose, and the access rules are tested with System.runAs in the classes that test them',
};

export interface PmdFinding {
  pass: 'security' | 'quality';
  rule: string;
  file: string;
  line: number;
  message: string;
}

export interface PmdReport {
  findings: PmdFinding[];
  /** Files PMD could not process (a parse error is a finding of its own: the file was not checked). */
  processingErrors: { file: string; message: string }[];
  /** Findings that fail the check: security findings not accepted one by one, quality findings of rules not accepted. */
  failures: PmdFinding[];
}

interface WrapperResult {
  violations: { rule: string; message: string; codeLocation: { file: string; startLine: number } }[];
  processingErrors: { file: string; message: string }[];
}

const LANGUAGE_OF: [RegExp, string][] = [
  [/\.(cls|trigger)$/, 'apex'],
  [/-meta\.xml$/, 'xml'],
  [/\/lwc\/.*\.html$/, 'html'],
  [/\/lwc\/.*\.js$/, 'ecmascript'],
];

/** force-app's files by PMD language id (tests and Jest mocks left out: they do not ship). */
function filesByLanguage(root: string): Record<string, string[]> {
  const byLanguage: Record<string, string[]> = {};
  for (const file of packageDirectories(root).flatMap((dir) => listFiles(dir))) {
    if (file.includes('/__tests__/')) continue;
    const language = LANGUAGE_OF.find(([pattern]) => pattern.test(file))?.[1];
    if (language) (byLanguage[language] ??= []).push(file);
  }
  return byLanguage;
}

function rulesetXml(rulesets: string[]): string {
  const refs = rulesets.map((ruleset) => `    <rule ref="${ruleset}"/>`).join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ruleset name="ml-connector" xmlns="http://pmd.sourceforge.net/ruleset/2.0.0"',
    '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://pmd.sourceforge.net/ruleset/2.0.0 https://pmd.sourceforge.io/ruleset_2_0_0.xsd">',
    '    <description>ml-connector package review</description>',
    refs,
    '</ruleset>',
    '',
  ].join('\n');
}

function runPass(root: string, work: string, pass: PmdFinding['pass'], rulesets: string[], files: Record<string, string[]>): WrapperResult {
  const rulesetFile = join(work, `${pass}-ruleset.xml`);
  const inputFile = join(work, `${pass}-input.json`);
  const resultFile = join(work, `${pass}-results.json`);
  writeFileSync(rulesetFile, rulesetXml(rulesets));
  const runDataPerLanguage = Object.fromEntries(Object.entries(files).map(([language, list]) => [language, { filesToScan: list }]));
  writeFileSync(inputFile, JSON.stringify({ ruleSetInputFile: rulesetFile, runDataPerLanguage }));
  const run = runJava('com.salesforce.sfca.pmdwrapper.PmdWrapper', ['run', inputFile, resultFile], root);
  if (run.startError) throw new Error(run.startError);
  if (run.status !== 0) throw new Error(`PMD (${pass}) exited with ${run.status}: ${(run.stderr || run.stdout).slice(-1500)}`);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as WrapperResult;
}

export function runPmd(root: string): PmdReport {
  const work = mkdtempSync(join(tmpdir(), 'mlc-pmd-'));
  try {
    const all = filesByLanguage(root);
    const apexOnly = { apex: all.apex ?? [] };
    const findings: PmdFinding[] = [];
    const processingErrors: PmdReport['processingErrors'] = [];
    for (const [pass, rulesets, files] of [
      ['security', SECURITY_RULESETS, all],
      ['quality', QUALITY_RULESETS, apexOnly],
    ] as const) {
      const result = runPass(root, work, pass, [...rulesets], files);
      for (const v of result.violations) {
        findings.push({ pass, rule: v.rule, file: relative(root, v.codeLocation.file), line: v.codeLocation.startLine, message: v.message });
      }
      for (const e of result.processingErrors) processingErrors.push({ file: relative(root, e.file), message: e.message.split('\n')[0]! });
    }
    const failures = findings.filter((f) => !isAccepted(f));
    return { findings, processingErrors, failures };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function isAccepted(finding: PmdFinding): boolean {
  if (finding.pass === 'quality') return finding.rule in ACCEPTED_QUALITY_RULES;
  return ACCEPTED_SECURITY_FINDINGS.some((a) => a.rule === finding.rule && a.file === finding.file);
}

/** Findings counted by pass and rule, e.g. { 'quality/ApexUnitTestClassShouldHaveRunAs': 12 }. */
export function countByRule(findings: PmdFinding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[`${f.pass}/${f.rule}`] = (counts[`${f.pass}/${f.rule}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
