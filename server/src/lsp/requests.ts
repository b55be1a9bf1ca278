// Benchpress's own requests (beyond standard LSP): new articles, contents lists, link checks. Each handler
// adapts a core function; the wiring is in main.ts.
import type { Connection, TextDocuments, CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { newArticle, articleFileName } from '../templates/new-article';
import { contentsEntries, contentsList } from '../templates/edits';
import { sectionOf } from '../markdown/document-view';
import { headingKey } from '../templates/normalize';
import type { CheckScheduler } from './checks';
import { Notifications, type CheckLinksResult, type DocumentEditResult, type NewArticleParams, type NewArticleResult, type TemplateInfo } from '../protocol';
import { checkUrls, type UrlCheckCache } from '../links/external';
import { externalLinks } from '../links/external/occurrences';
import { urlCheckOptions } from '../links/external/settings';
import { localize } from '../base/i18n';

export function abortOn(token: CancellationToken): AbortSignal {
  const abort = new AbortController();
  token.onCancellationRequested(() => abort.abort());
  return abort.signal;
}

export async function templatesRequest(scheduler: CheckScheduler, uri: string | undefined): Promise<TemplateInfo[]> {
  const { env } = await scheduler.settingsForRoot(uri);
  return [...env.templates.templates.values()].map((t) => ({ id: t.id, name: t.name, description: t.description, source: t.source }));
}

export async function newArticleRequest(scheduler: CheckScheduler, params: NewArticleParams & { uri?: string; date: string }): Promise<NewArticleResult> {
  const { env } = await scheduler.settingsForRoot(params.uri);
  const template = env.templates.templates.get(params.template);
  if (!template) throw new Error(`Unknown template "${params.template}".`);
  return { text: newArticle(template, { subject: params.subject, lang: params.lang, date: params.date }), fileName: articleFileName(params.subject, template) };
}

/** An edit replacing (or creating) the contents list with one generated from the headings. */
export async function regenerateTocRequest(scheduler: CheckScheduler, documents: TextDocuments<TextDocument>, uri: string): Promise<DocumentEditResult | undefined> {
  const document = documents.get(uri);
  const result = await scheduler.current(uri);
  if (!document || !result?.view) return undefined;
  const view = result.view;
  const template = result.templateResolution?.resolved;
  const tocHeading = template?.found.find((f) => f.section.role === 'toc')?.heading
    ?? view.headings.find((h) => h.topLevel && h.level >= 2 && ['目录', 'contents', 'tableofcontents'].includes(headingKey(h.text)));
  if (!tocHeading) return { version: document.version, edits: [], summary: [localize({ en: 'This draft has no contents section (目录 / Contents).', zh: '这篇草稿没有目录小节（目录 / Contents）。' }, view.language)] };
  const section = sectionOf(view, tocHeading);
  const list = view.lists.find((l) => l.topLevel && l.start >= section.contentStart && l.start < section.end);
  const entries = contentsEntries(view, template, tocHeading.level);
  const text = contentsList(view, entries, list);
  if (list) return { version: document.version, edits: [{ range: view.range(list), newText: text }], summary: entries.map((e) => e.text) };
  const at = { line: view.lines.positionAt(section.contentStart).line + 1, character: 0 };
  return { version: document.version, edits: [{ range: { start: at, end: at }, newText: view.eol + text + view.eol }], summary: entries.map((e) => e.text) };
}

/** Checks a document's external links now, reports progress, and re-publishes its diagnostics with the results. */
export async function checkLinksRequest(connection: Connection, scheduler: CheckScheduler, cache: UrlCheckCache | undefined, params: { uri: string; progressId?: string }, token: CancellationToken): Promise<CheckLinksResult> {
  const result = await scheduler.current(params.uri);
  const view = result?.view;
  if (!view) return { checked: 0, broken: 0, redirected: 0, failed: 0, cancelled: false };
  const { config } = await scheduler.settingsFor(params.uri);
  const urls = [...new Set(externalLinks(view).map((l) => l.url))];
  const signal = abortOn(token);
  const results = await checkUrls(urls, urlCheckOptions(config), {
    signal,
    cache,
    onProgress: (done, total) => {
      if (params.progressId) void connection.sendNotification(Notifications.progress, { progressId: params.progressId, done, total });
    },
  });
  scheduler.setUrlResults(params.uri, results);
  const values = [...results.values()];
  return {
    checked: values.filter((r) => r.status !== 'skipped' && r.status !== 'cancelled').length,
    broken: values.filter((r) => r.status === 'broken' || r.fragmentMissing).length,
    redirected: values.filter((r) => r.status === 'redirect' && r.permanent).length,
    failed: values.filter((r) => r.status === 'timeout' || r.status === 'dns' || r.status === 'network').length,
    cancelled: signal.aborted,
  };
}
