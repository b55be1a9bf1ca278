// Quick fixes for findings, and "fix all" (`source.fixAll.benchpress`): only for the version the findings
// were computed on, so an edit never lands on moved text.
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckResult } from '../engine/document-checker';
import type { Finding, Fix } from '../base/types';
import { minimalEdit } from '../engine/fix-all';
import { comparePositions } from '../base/text';
import { toDiagnostic } from './convert';
import { disableEdits, UNKNOWN_RULE_IN_COMMENT } from '../engine/suppression';
import type { DocumentView } from '../markdown/document-view';
import { localize, type Locale } from '../base/i18n';
import { ClientCommands } from '../protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.benchpress`;
/** A quick fix that silences rather than fixes: a comment that turns the rule off (it edits where it declares). */
export const DISABLE_KIND = `${CodeActionKind.QuickFix}.benchpress.disable`;

const overlaps = (f: Finding, params: CodeActionParams) =>
  comparePositions(f.range.start, params.range.end) <= 0 && comparePositions(params.range.start, f.range.end) <= 0;

function fixAction(document: TextDocument, finding: Finding, fix: Fix): CodeAction {
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(finding)], isPreferred: fix.preferred };
  if (fix.snippet) {
    // Snippets are applied by the client (tab stops and selection), through a command.
    action.command = { title: fix.title, command: ClientCommands.applySnippet, arguments: [document.uri, document.version, fix.edits] };
  } else {
    action.edit = { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: fix.edits as LspTextEdit[] }] };
  }
  return action;
}

/** Whether a code action request asks for `kind` (or a kind it contains). */
export function wantsKind(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** The fix-all as one edit of the document version it was computed on (one undo step). */
export function fixAllEdit(document: TextDocument, fixed: string) {
  const edit = minimalEdit(document.getText(), fixed);
  return edit ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: [edit as LspTextEdit] }] } : undefined;
}

export function fixAllAction(document: TextDocument, fixed: string, locale: Locale): CodeAction | undefined {
  const edit = fixAllEdit(document, fixed);
  return edit && { title: localize({ en: 'Benchpress: fix all safe problems', zh: 'Benchpress：修复所有可安全修复的问题' }, locale), kind: FIX_ALL_KIND, edit };
}

/** "Disable RULE for this line" and "… for this file": a comment the writer can see and remove again. */
function disableActions(document: TextDocument, view: DocumentView, finding: Finding, locale: Locale): CodeAction[] {
  const edits = disableEdits(view, finding);
  const change = (edit: LspTextEdit) => ({ documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: [edit] }] });
  const actions: CodeAction[] = [];
  if (edits.line) actions.push({ title: localize({ en: `Disable ${finding.ruleId} for this line`, zh: `在此行停用 ${finding.ruleId}` }, locale), kind: DISABLE_KIND, diagnostics: [toDiagnostic(finding)], edit: change(edits.line) });
  actions.push({ title: localize({ en: `Disable ${finding.ruleId} for this file`, zh: `在此文件中停用 ${finding.ruleId}` }, locale), kind: DISABLE_KIND, diagnostics: [toDiagnostic(finding)], edit: change(edits.file) });
  return actions;
}

/** Quick fixes (and "disable" actions) for the findings in the requested range; fix-all is features/code-actions.ts. */
export function codeActions(document: TextDocument, result: CheckResult | undefined, params: CodeActionParams, locale: Locale): CodeAction[] {
  if (!result) return [];
  const actions: CodeAction[] = [];
  if (wantsKind(params, CodeActionKind.QuickFix)) {
    const disabling: CodeAction[] = [];
    for (const finding of result.findings) {
      if (!overlaps(finding, params)) continue;
      for (const fix of finding.fixes ?? []) actions.push(fixAction(document, finding, fix));
      if (result.view && finding.ruleId !== UNKNOWN_RULE_IN_COMMENT) disabling.push(...disableActions(document, result.view, finding, locale));
    }
    // Fixes first: silencing is the last resort.
    actions.push(...disabling);
  }
  return actions;
}
