// Findings to LSP diagnostics and back: `source: "benchpress"`, `code` = the rule id.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../base/types';
import { ruleDocsUrl } from '../rules/docs-url';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Each rule's `codeDescription`, made once (every diagnostic of a rule links to the same section). */
const descriptions = new Map<string, { href: string }>();

/**
 * Diagnostics made from findings, by finding: a re-check after an edit reuses the findings of every chunk that did
 * not move (see placedFindings in document-checker.ts), and so their diagnostics. Nothing changes a diagnostic.
 */
const made = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(finding: Finding): Diagnostic {
  const known = made.get(finding);
  if (known) return known;
  let description = descriptions.get(finding.ruleId);
  if (!description) descriptions.set(finding.ruleId, (description = { href: ruleDocsUrl(finding.ruleId) }));
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: 'benchpress',
    code: finding.ruleId,
    codeDescription: description,
    message: finding.message,
  };
  made.set(finding, diagnostic);
  return diagnostic;
}
