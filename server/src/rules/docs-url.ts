// Where a rule's documentation lives: its section of docs/rules.md (generated from the rules' sources). One
// definition for every front end: the editor's diagnostics link here (`codeDescription`), the CLI's SARIF
// (`helpUri`), and docs/rules.md uses the same anchors.

export const RULE_DOCS_URL = 'https://github.com/benchpress-dev/benchpress/blob/main/docs/rules.md';

/** The anchor of a rule's section in docs/rules.md: `links/missing-anchor` → `links-missing-anchor`. */
export function ruleAnchor(ruleId: string): string {
  return ruleId.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_URL}#${ruleAnchor(ruleId)}`;
}
