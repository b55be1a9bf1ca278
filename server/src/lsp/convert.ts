// Findings to LSP diagnostics and back: `source: "benchpress"`, `code` = the rule id.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../base/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const RULE_DOCS_URL = 'https://github.com/benchpress-dev/benchpress/blob/main/docs/rules.md';

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: 'benchpress',
    code: finding.ruleId,
    codeDescription: { href: `${RULE_DOCS_URL}#${finding.ruleId.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}` },
    message: finding.message,
  };
}
