// Output of `lint`: text for people (file:line:col, colours on a terminal, a summary line), JSON for scripts
// and SARIF 2.1.0 for code-scanning tools. Lines and columns are 1-based; columns count UTF-16 code units.
import type { Finding, Severity } from '../base/types';
import { RULES, ruleById } from '../rules/registry';

export interface FileReport {
  /** The path as shown (relative to the working folder). */
  file: string;
  findings: Finding[];
}

export interface JsonDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  /** External links checked with --check-urls: `alive`, `dead` or `unverified`. */
  verdict?: string;
}

/** The link verdict a finding carries in its data (links/broken-url, links/redirect), if any. */
function verdictOf(f: Finding): string | undefined {
  const v = f.data?.verdict;
  return typeof v === 'string' ? v : undefined;
}

export function toJsonDiagnostic(f: Finding): JsonDiagnostic {
  const verdict = verdictOf(f);
  return {
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    code: f.ruleId,
    message: f.message,
    ...(verdict !== undefined ? { verdict } : {}),
  };
}

export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(reports.map((r) => ({ file: r.file, diagnostics: r.findings.map(toJsonDiagnostic) })), null, 2);
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';

export function countBySeverity(reports: FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of reports) for (const f of r.findings) counts[f.severity]++;
  return counts;
}

export function formatText(reports: FileReport[], options: { color: boolean; fixed?: number; cached?: number }): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) {
      const where = `${report.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${options.color ? BOLD + where + RESET : where}  ${paint(COLORS[f.severity], f.severity.padEnd(7))} ${f.message}  ${paint(DIM, f.ruleId)}`);
    }
  }
  const counts = countBySeverity(reports);
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const files = reports.length;
  const withProblems = reports.filter((r) => r.findings.length > 0).length;
  const extra = [options.fixed ? `${options.fixed} fixed` : '', options.cached ? `${options.cached} unchanged file${options.cached === 1 ? '' : 's'} from cache` : ''].filter(Boolean).join(', ');
  const summary = total === 0
    ? `✔ No problems in ${files} file${files === 1 ? '' : 's'}${extra ? ` (${extra})` : ''}.`
    : `✖ ${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info, ${counts.hint} hint${counts.hint === 1 ? '' : 's'}) in ${withProblems} of ${files} file${files === 1 ? '' : 's'}${extra ? ` (${extra})` : ''}.`;
  if (lines.length) lines.push('');
  lines.push(paint(total === 0 ? '\x1b[32m' : counts.error ? COLORS.error : counts.warning ? COLORS.warning : DIM, summary));
  return lines.join('\n');
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(reports: FileReport[], version: string): string {
  const used = new Set(reports.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const rules = RULES.filter((r) => used.has(r.id) || r.scope !== 'engine');
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifRules = [
    ...rules.map((r) => ({
      id: r.id,
      name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
      shortDescription: { text: r.docs.summary },
      fullDescription: { text: `${r.docs.summary} ${r.docs.rationale}` },
      help: { text: `${r.docs.summary}\n\nWhy: ${r.docs.rationale}`, markdown: `${r.docs.summary}\n\n**Why:** ${r.docs.rationale}${r.docs.bad ? `\n\n**Reported:**\n\n\`\`\`markdown\n${r.docs.bad}\n\`\`\`` : ''}${r.docs.good ? `\n\n**Accepted:**\n\n\`\`\`markdown\n${r.docs.good}\n\`\`\`` : ''}` },
      defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
    })),
  ];
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: encodeURI(r.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
        },
      }],
      ...(verdictOf(f) !== undefined ? { properties: { verdict: verdictOf(f) } } : {}),
    })),
  );
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'benchpress', version, informationUri: 'https://github.com/benchpress-dev/benchpress', rules: sarifRules } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  }, null, 2);
}

export { ruleById };
