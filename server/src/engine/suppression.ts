// Silencing checks in the draft itself, with the comment conventions writers know from markdownlint and
// remark-lint:
//
//   <!-- benchpress-disable [RULE|GROUP …] -->            off from this line until a matching enable (or the end)
//   <!-- benchpress-enable [RULE|GROUP …] -->             on again
//   <!-- benchpress-disable-next-line [RULE|GROUP …] -->  off on the next line
//   <!-- benchpress-disable-line [RULE|GROUP …] -->       off on this line (the comment at the end of the line)
//   <!-- benchpress-disable-file [RULE|GROUP …] -->       off in the whole file
//   <!-- lint disable ID -->, <!-- lint enable ID -->, <!-- lint ignore ID -->   remark-lint's own, for the
//                                                         `remark-lint/ID` rules (ignore: the next block)
//
// No id means every rule; a group (`links`, `template`, `remark-lint`) means its rules. A finding is silenced by the
// line it starts on. An id that names no rule is reported (`suppression/unknown-rule`), so a typo does not
// silently silence nothing. Directives in code blocks are text, not directives: they come from the parser's HTML.
import type { Finding, Range, TextEdit } from '../base/types';
import { localize, type Locale } from '../base/i18n';
import type { DocumentView } from '../markdown/document-view';
import type { DirectiveInfo } from '../markdown/summary';
import { countAtOrBefore } from '../base/sorted';

export const UNKNOWN_RULE_IN_COMMENT = 'suppression/unknown-rule';

/** Which findings a set of directives silences: rule selectors per line range. */
interface Silence {
  /** 0-based lines, inclusive. */
  from: number;
  to: number;
  /** undefined = every rule. */
  rules?: string[];
}

const matches = (ruleId: string, selector: string) => ruleId === selector || ruleId.startsWith(selector.endsWith('/') ? selector : `${selector}/`);
const silences = (s: Silence, f: Finding) => f.range.start.line >= s.from && f.range.start.line <= s.to && (!s.rules || s.rules.some((r) => matches(f.ruleId, r)));

/** The rule ids a directive names, as Benchpress ids (remark-lint's comments name remark-lint rules by their own id). */
function selectors(d: DirectiveInfo): string[] | undefined {
  if (d.rules.length === 0) return d.kind.startsWith('lint-') ? ['remark-lint'] : undefined;
  return d.kind.startsWith('lint-') ? d.rules.map((r) => `remark-lint/${r.replace(/^remark-lint[-/]/, '')}`) : d.rules;
}

function silencesOf(view: DocumentView): Silence[] {
  const out: Silence[] = [];
  const last = view.lines.lineCount - 1;
  const lineOf = (offset: number) => view.lines.positionAt(offset).line;
  /** Open `disable` regions: selector (or '*' for all) → the line they start on. */
  const open = new Map<string, number>();
  const close = (key: string, at: number) => {
    const from = open.get(key);
    if (from === undefined) return;
    out.push({ from, to: at, rules: key === '*' ? undefined : [key] });
    open.delete(key);
  };
  for (const d of [...view.directives].sort((a, b) => a.start - b.start)) {
    const rules = selectors(d);
    const line = lineOf(d.start);
    const endLine = lineOf(d.end);
    switch (d.kind) {
      case 'disable-file':
        out.push({ from: 0, to: last, rules });
        break;
      case 'disable-line':
        out.push({ from: line, to: endLine, rules });
        break;
      case 'disable-next-line':
        out.push({ from: endLine + 1, to: endLine + 1, rules });
        break;
      case 'lint-ignore': {
        // remark-lint ignores the next node: here, the next block (up to the next blank line).
        let to = endLine + 1;
        while (to < last && view.lines.lineText(to + 1).trim() !== '') to++;
        out.push({ from: endLine + 1, to, rules });
        break;
      }
      case 'disable':
      case 'lint-disable':
        for (const key of rules ?? ['*']) if (!open.has(key)) open.set(key, line);
        break;
      case 'enable':
      case 'lint-enable':
        if (!rules) for (const key of [...open.keys()]) close(key, line);
        else for (const key of rules) close(key, line);
        break;
    }
  }
  for (const key of [...open.keys()]) close(key, last);
  return out;
}

/**
 * The findings that no directive silences, plus a finding for every id in a directive that names no rule or group.
 * `known` says whether an id names a rule or a group.
 */
export function applySuppressions(findings: Finding[], view: DocumentView, known: (id: string) => boolean, locale: Locale): Finding[] {
  if (view.directives.length === 0) return findings;
  const silenced = silencesOf(view);
  const kept = findings.filter((f) => !silenced.some((s) => silences(s, f)));
  for (const d of view.directives) {
    let at = d.rulesStart;
    const source = view.text.slice(d.rulesStart, d.end);
    for (const written of d.rules) {
      const index = source.indexOf(written, at - d.rulesStart);
      const start = index === -1 ? d.rulesStart : d.rulesStart + index;
      at = start + written.length;
      const id = selectors({ ...d, rules: [written] })![0];
      if (known(id)) continue;
      kept.push({
        ruleId: UNKNOWN_RULE_IN_COMMENT,
        severity: 'warning',
        message: localize({ en: `“${written}” names no Benchpress rule or group, so this comment silences nothing for it (see “benchpress rules”).`, zh: `“${written}”不是 Benchpress 的规则或规则组，这条注释对它不起作用（见 “benchpress rules”）。` }, locale),
        range: view.range({ start, end: start + written.length }),
      });
    }
  }
  return kept;
}

/** A quick way to silence one finding: a comment on its line (or the line above), or at the top of the file. */
export function disableEdits(view: DocumentView, finding: Finding): { line?: TextEdit; file: TextEdit } {
  const rule = finding.ruleId;
  const eol = view.eol;
  const fileEdit = disableFileEdit(view, rule);
  const line = finding.range.start.line;
  // Front matter must stay the first thing in the file.
  if (view.frontMatter && line <= view.lines.positionAt(view.frontMatter.span.end).line) return { file: fileEdit };
  const text = view.lines.lineText(line);
  // Code blocks and tables would be broken by a comment inside them: only the file-wide comment is offered.
  const inCode = insideCodeBlock(view, line);
  if (inCode || /^\s*\|/.test(text)) return { file: fileEdit };
  const previous = line > 0 ? view.lines.lineText(line - 1) : '';
  if (line === 0 || previous.trim() === '') {
    const indent = /^\s*/.exec(text)![0];
    const at = { line, character: 0 };
    return { line: { range: { start: at, end: at }, newText: `${indent}<!-- benchpress-disable-next-line ${rule} -->${eol}` }, file: fileEdit };
  }
  // Inside a paragraph or list item, a comment line of its own would split it: the comment goes at the line's end.
  const end = { line, character: text.length };
  return { line: { range: { start: end, end }, newText: ` <!-- benchpress-disable-line ${rule} -->` }, file: fileEdit };
}

/** Code blocks' line spans, in order, with the furthest end so far: a view offers many findings a quick fix. */
const codeBlocksOf = new WeakMap<DocumentView, { start: number; reach: number }[]>();

function insideCodeBlock(view: DocumentView, line: number): boolean {
  let blocks = codeBlocksOf.get(view);
  if (!blocks) {
    blocks = [];
    let reach = -1;
    const starts = view.features.filter((f) => f.kind === 'code').map((f) => f.offset).sort((a, b) => a - b);
    for (const offset of starts) {
      reach = Math.max(reach, blockEndLine(view, offset));
      blocks.push({ start: view.lines.positionAt(offset).line, reach });
    }
    codeBlocksOf.set(view, blocks);
  }
  // The last block starting at or before the line: the line is inside a block when some block so far reaches it.
  const before = countAtOrBefore(blocks, (b) => b.start, line);
  return before > 0 && blocks[before - 1].reach >= line;
}

const BLANK_LINE = /\n[ \t]*\r?\n/g;
const FENCE_OPEN = / {0,3}(`{3,}|~{3,})/y;

/** The last line of the code block at `offset`: its closing fence, or the line before the next blank line. */
function blockEndLine(view: DocumentView, offset: number): number {
  // Searched from the offset on (not in a copy of the rest of the text): each search stops at the block's end.
  const text = view.text;
  FENCE_OPEN.lastIndex = offset;
  const fence = FENCE_OPEN.exec(text);
  if (fence) {
    // A fenced block may hold blank lines: take its closing fence when it has one.
    const close = new RegExp(`\\n {0,3}${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}[ \\t]*(?:\\r?\\n|$)`, 'g');
    close.lastIndex = offset + fence[0].length;
    const found = close.exec(text);
    if (found) return view.lines.positionAt(found.index + 1).line;
  }
  BLANK_LINE.lastIndex = offset;
  const blank = BLANK_LINE.exec(text);
  return blank ? view.lines.positionAt(blank.index).line : view.lines.lineCount - 1;
}

function disableFileEdit(view: DocumentView, rule: string): TextEdit {
  const existing = view.directives.find((d) => d.kind === 'disable-file' && d.rules.length > 0);
  if (existing) {
    const at = view.lines.positionAt(existing.end - 3);
    return { range: { start: at, end: at }, newText: `${view.text[existing.end - 4] === ' ' ? '' : ' '}${rule} ` };
  }
  const offset = view.frontMatter ? view.frontMatter.span.end : 0;
  const at: Range['start'] = view.lines.positionAt(offset);
  const lead = offset > 0 && !/\r?\n$/.test(view.text.slice(0, offset)) ? view.eol : '';
  return { range: { start: at, end: at }, newText: `${lead}<!-- benchpress-disable-file ${rule} -->${view.eol}` };
}
