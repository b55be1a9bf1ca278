// Output of `lint`: text for people (file:line:col, colours on a terminal, a summary line), JSON for scripts,
// SARIF 2.1.0 for code-scanning tools, GitHub Actions workflow commands (annotations on a pull request) and JUnit
// XML for CI test reports. Lines and columns are 1-based; columns count UTF-16 code units.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity, WorstSeverity } from '../base/types';
import type { Locale } from '../base/i18n';
import type { Rule } from '../rules/types';
import { ruleDocsUrl } from '../rules/docs-url';
import { summaryLine } from './messages';

export interface FileReport {
  /** The path as shown (relative to the working folder, forward slashes). */
  file: string;
  /** The absolute path (for formats that name files relative to another folder). */
  path?: string;
  findings: Finding[];
  /** The stamp of the findings in the answer cache, when the run knows it (see node/lint-results.ts). */
  stamp?: string;
}

export const FORMATS = ['text', 'json', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** Severities from the most to the least serious. */
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

export const FAIL_ON = ['error', 'warning', 'info', 'hint', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The most serious severity among the reports' findings. */
export function worstSeverity(reports: readonly FileReport[]): WorstSeverity {
  let worst: WorstSeverity = 'none';
  for (const r of reports) for (const f of r.findings) if (worst === 'none' || RANK[f.severity] > RANK[worst]) worst = f.severity;
  return worst;
}

/** Whether a run whose most serious finding is `worst` fails: it is at or above the `--fail-on` level (`never`: none is). */
export function failsAt(worst: WorstSeverity, failOn: FailOn): boolean {
  return failOn !== 'never' && worst !== 'none' && RANK[worst] >= RANK[failOn];
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

/**
 * One line per finding (`file:line:col  severity  message  rule`; the severity word stays English so that
 * problem matchers keep working) and a summary line in the message language.
 */
export function formatText(reports: FileReport[], options: { color: boolean; fixed?: number; cached?: number; locale?: Locale }): string {
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
  const summary = textSummary(reports, options);
  if (lines.length) lines.push('');
  lines.push(paint(total === 0 ? '\x1b[32m' : counts.error ? COLORS.error : counts.warning ? COLORS.warning : DIM, summary));
  return lines.join('\n');
}

/** The summary line of the text output (also printed after GitHub annotations, for the log). */
export function textSummary(reports: FileReport[], options: { fixed?: number; cached?: number; locale?: Locale }): string {
  const counts = countBySeverity(reports);
  return summaryLine({ ...counts, files: reports.length, filesWithProblems: reports.filter((r) => r.findings.length > 0).length, fixed: options.fixed, cached: options.cached }, options.locale ?? 'en');
}

// ---------------------------------------------------------------------------------------------------------------
// SARIF

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A relative path as a URI reference: each segment percent-encoded, forward slashes. */
export function relativeUri(relative: string): string {
  return relative.split(/[\\/]/).map((segment) => encodeURIComponent(segment)).join('/');
}

/** Where a result's file is: relative to SRCROOT when inside it, else an absolute `file:` URI (no base id). */
function artifactLocation(report: FileReport, srcRoot: string): { uri: string; uriBaseId?: string } {
  const abs = report.path ?? path.resolve(srcRoot, report.file);
  const rel = path.relative(srcRoot, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: relativeUri(rel), uriBaseId: 'SRCROOT' };
  return { uri: pathToFileURL(abs).href };
}

export interface SarifOptions {
  version: string;
  /** The folder results are relative to (`originalUriBaseIds.SRCROOT`): the working folder. */
  srcRoot: string;
  /** Every rule (rules/registry.ts), passed in so that other formats do not load them. */
  rules: readonly Rule[];
}

export function formatSarif(reports: FileReport[], options: SarifOptions): string {
  const used = new Set(reports.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const rules = options.rules.filter((r) => used.has(r.id) || r.scope !== 'engine');
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifRules = rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: r.docs.summary },
    fullDescription: { text: `${r.docs.summary} ${r.docs.rationale}` },
    helpUri: ruleDocsUrl(r.id),
    help: { text: `${r.docs.summary}\n\nWhy: ${r.docs.rationale}`, markdown: `${r.docs.summary}\n\n**Why:** ${r.docs.rationale}${r.docs.bad ? `\n\n**Reported:**\n\n\`\`\`markdown\n${r.docs.bad}\n\`\`\`` : ''}${r.docs.good ? `\n\n**Accepted:**\n\n\`\`\`markdown\n${r.docs.good}\n\`\`\`` : ''}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
  }));
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: artifactLocation(r, options.srcRoot),
          region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
        },
      }],
      ...(verdictOf(f) !== undefined ? { properties: { verdict: verdictOf(f) } } : {}),
    })),
  );
  const root = pathToFileURL(options.srcRoot).href;
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'benchpress', version: options.version, informationUri: 'https://github.com/benchpress-dev/benchpress', rules: sarifRules } },
      originalUriBaseIds: { SRCROOT: { uri: root.endsWith('/') ? root : `${root}/` } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  }, null, 2);
}

// ---------------------------------------------------------------------------------------------------------------
// GitHub Actions workflow commands: `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`

const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escapes a command's message (the data after `::`): `%`, CR and LF. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: as the data, and also `:` and `,`, which delimit properties. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface GithubOptions {
  /** The folder annotation paths are relative to: `GITHUB_WORKSPACE` (the checkout) when set, else the working folder. */
  base: string;
}

/**
 * One workflow command per finding. Columns are given only for a finding on one line: GitHub accepts a column
 * range on a single line only.
 */
export function formatGithub(reports: FileReport[], options: GithubOptions): string {
  const lines: string[] = [];
  for (const r of reports) {
    const abs = r.path ?? path.resolve(options.base, r.file);
    const rel = path.relative(options.base, abs);
    const file = (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
    for (const f of r.findings) {
      const line = f.range.start.line + 1;
      const endLine = f.range.end.line + 1;
      const oneLine = endLine === line;
      const props: [string, string | number][] = [['file', file], ['line', line]];
      if (oneLine) props.push(['col', f.range.start.character + 1]);
      props.push(['endLine', endLine]);
      if (oneLine) props.push(['endColumn', Math.max(f.range.end.character + 1, f.range.start.character + 1)]);
      props.push(['title', f.ruleId]);
      lines.push(`::${GITHUB_COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',')}::${escapeGithubData(f.message)}`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// JUnit XML: one <testsuite> per file (named by its path), one failing <testcase> per finding (named by rule and
// position), one passing <testcase> for a clean file. Jenkins, GitLab and the GitHub test-report actions group
// test cases by suite and class; `classname` is the path without its extension, dots for folders, so Jenkins
// shows folder → file rather than splitting at the extension's dot.

/** Text and attribute values for XML 1.0: the five entities escaped, characters XML cannot hold replaced. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

const classNameOf = (file: string) => file.replace(/\.(md|mdx)$/i, '').replace(/^(\.\.\/)+/, '').replace(/^\//, '').replace(/\./g, '_').replace(/\//g, '.');

export function formatJunit(reports: FileReport[]): string {
  const a = escapeXml;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tests = reports.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  const failures = reports.reduce((n, r) => n + r.findings.length, 0);
  out.push(`<testsuites name="benchpress" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="0">`);
  for (const r of reports) {
    const classname = classNameOf(r.file);
    out.push(`  <testsuite name="${a(r.file)}" tests="${Math.max(1, r.findings.length)}" failures="${r.findings.length}" errors="0" skipped="0" time="0">`);
    if (r.findings.length === 0) out.push(`    <testcase name="no problems" classname="${a(classname)}" file="${a(r.file)}" time="0"/>`);
    for (const f of r.findings) {
      const line = f.range.start.line + 1;
      const col = f.range.start.character + 1;
      out.push(`    <testcase name="${a(`${f.ruleId} at ${line}:${col}`)}" classname="${a(classname)}" file="${a(r.file)}" line="${line}" time="0">`);
      out.push(`      <failure message="${a(f.message)}" type="${f.severity}">${a(`${r.file}:${line}:${col} ${f.severity} ${f.message} (${f.ruleId}, ${ruleDocsUrl(f.ruleId)})`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}

