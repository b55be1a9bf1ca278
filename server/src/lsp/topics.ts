// Topic heat in the editor: a lens on the title with the draft's hottest topics, hovers on matched terms,
// completion of hot keywords in the title and headings, and the workspace report behind the tree view.
import { CompletionItemKind, type CodeLens, type CompletionItem, type Hover, type Position } from 'vscode-languageserver';
import type { CheckResult } from '../engine/document-checker';
import type { DocumentView } from '../markdown/document-view';
import { titleLensText, topicHover } from '../topics/present';
import { topicAt } from '../topics/match';
import { completionPrefix, completionsFor } from '../topics/completion';
import type { TopicRow } from '../topics/table';
import type { Locale } from '../base/i18n';
import { ClientCommands } from '../protocol';

export function topicLenses(result: CheckResult, locale: Locale): CodeLens[] {
  const view = result.view;
  if (!view?.title || !result.topics) return [];
  const title = titleLensText(result.topics, { lang: locale, max: 3, quiet: false });
  if (!title) return [];
  return [{ range: view.range(view.title), command: { title, command: ClientCommands.showTopicHeat, arguments: [view.uri] } }];
}

export function topicHoverAt(result: CheckResult, locale: Locale) {
  return (view: DocumentView, offset: number): Hover | undefined => {
    if (!result.topics) return undefined;
    const index = view.prose.findIndex((p) => p.offset <= offset && offset <= p.offset + p.text.length);
    if (index === -1) return undefined;
    const hit = topicAt(result.topics, index, offset - view.prose[index].offset);
    if (!hit) return undefined;
    const segment = view.prose[index];
    const range = view.range({ start: segment.offset + hit.occurrence.start, end: segment.offset + hit.occurrence.end });
    return { contents: { kind: 'markdown', value: topicHover(hit.match.row, locale, segment.text.slice(hit.occurrence.start, hit.occurrence.end)) }, range };
  };
}

/** Hot keywords where a title or heading is being typed. */
export function topicCompletions(view: DocumentView, position: Position, rows: readonly TopicRow[], locale: Locale): CompletionItem[] {
  const line = view.lines.lineText(position.line).slice(0, position.character);
  const heading = /^ {0,3}#{1,6}\s+/.exec(line);
  if (!heading) return [];
  const typed = line.slice(heading[0].length);
  const { prefix, start } = completionPrefix(typed, rows);
  return completionsFor(prefix, rows, { lang: locale }).map((c) => ({
    label: c.label,
    kind: CompletionItemKind.Keyword,
    detail: c.detail,
    documentation: { kind: 'markdown', value: c.documentation },
    sortText: c.sortText,
    filterText: c.filterText,
    textEdit: { range: { start: { line: position.line, character: heading[0].length + start }, end: position }, newText: c.insertText },
  }));
}
