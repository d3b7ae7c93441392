/**
 * Apex type checks with apex-ls (the Apex language server's CheckForIssues, bundled with Code Analyzer's PMD
 * engine): unknown fields, types, methods and variables against the standard objects of API 65 and the package's
 * own objects, fields and labels — what a deploy's compile would report, offline.
 */
import { relative } from 'node:path';
import type { Problem } from './problem.ts';
import { runJava } from './java-tools.ts';

interface ApexLsReport {
  files: { path: string; messages: { start: { line: number; offset: number }; category: string; message: string }[] }[];
}

export function checkApexTypes(root: string): Problem[] {
  const run = runJava('io.github.apexdevtools.apexls.CheckForIssues', ['--nocache', '--detail', 'errors', '--format', 'json', '--workspace', root], root);
  if (run.startError) return [{ check: 'apex-types', file: 'force-app', message: run.startError }];
  // Exit 0: nothing found; 4: issues listed. Anything else is the tool failing, not the code.
  if (run.status !== 0 && run.status !== 4) {
    return [{ check: 'apex-types', file: 'force-app', message: `apex-ls exited with ${run.status}: ${(run.stderr || run.stdout).slice(0, 500)}` }];
  }
  const start = run.stdout.indexOf('{');
  if (start < 0) return [];
  const report = JSON.parse(run.stdout.slice(start)) as ApexLsReport;
  return report.files.flatMap((file) =>
    file.messages.map((m) => ({ check: 'apex-types', file: relative(root, file.path), message: `${m.start.line}:${m.start.offset} ${m.category}: ${m.message}` })),
  );
}
