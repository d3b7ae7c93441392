/**
 * PMD's Apex rules and Salesforce's AppExchange rules over force-app (scripts/package/pmd.ts). Exits 1 on any
 * security finding, on a quality finding of a rule that is not accepted, or on a file PMD could not process.
 * Usage: npx tsx scripts/check-apex-pmd.ts [--verbose]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCEPTED_QUALITY_RULES, ACCEPTED_SECURITY_FINDINGS, countByRule, runPmd } from './package/pmd.ts';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const started = Date.now();
const report = runPmd(root);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const verbose = process.argv.includes('--verbose');

for (const f of report.failures) console.error(`${f.file}:${f.line}: [${f.pass}/${f.rule}] ${f.message}`);
for (const e of report.processingErrors) console.error(`${e.file}: [pmd] not processed: ${e.message}`);
if (verbose) for (const f of report.findings.filter((x) => !report.failures.includes(x))) console.log(`${f.file}:${f.line}: [${f.pass}/${f.rule}] ${f.message}`);
const counts = countByRule(report.findings);
console.log(`check:apex-pmd: findings by rule ${JSON.stringify(counts)}`);
const accepted = report.findings.length - report.failures.length;
if (report.failures.length > 0 || report.processingErrors.length > 0) {
  console.error(`check:apex-pmd: ${report.failures.length} failing finding(s), ${report.processingErrors.length} unprocessed file(s) in ${seconds} s`);
  process.exit(1);
}
const apexSecurity = report.findings.filter((f) => f.pass === 'security' && f.file.endsWith('.cls')).length;
console.log(
  `check:apex-pmd: ${apexSecurity} Apex security findings; ${accepted} accepted finding(s) ` +
    `(${ACCEPTED_SECURITY_FINDINGS.length} metadata false positives, quality rules ${Object.keys(ACCEPTED_QUALITY_RULES).join(', ')}; ` +
    `docs/security-review-false-positives.md) in ${seconds} s`,
);
