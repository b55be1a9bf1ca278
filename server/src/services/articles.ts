// Articles as wholes: the templates a new article can start from, the new article's text and file name, and the
// contents list regenerated from a draft's headings.
import { localize } from '../base/i18n';
import type { TextEdit } from '../base/types';
import type { CheckEnvironment, CheckResult } from '../engine/document-checker';
import { articleFileName, newArticle } from '../templates/new-article';
import { findContents, regenerateContentsEdit } from '../templates/contents';
import type { NewArticleParams, NewArticleResult, TemplateInfo } from '../protocol';

export function templateList(env: CheckEnvironment): TemplateInfo[] {
  return [...env.templates.templates.values()].map((t) => ({ id: t.id, name: t.name, description: t.description, source: t.source }));
}

export function createArticle(env: CheckEnvironment, params: NewArticleParams): NewArticleResult {
  const template = env.templates.templates.get(params.template);
  if (!template) throw new Error(`Unknown template "${params.template}".`);
  return { text: newArticle(template, { subject: params.subject, lang: params.lang, date: params.date }), fileName: articleFileName(params.subject, template) };
}

/** The edit that regenerates the draft's contents list, with the entries it lists (or why there is none). */
export function contentsListEdit(result: CheckResult): { edits: TextEdit[]; summary: string[] } | undefined {
  const view = result.view;
  if (!view) return undefined;
  const contents = findContents(view, result.templateResolution?.resolved);
  if (!contents) return { edits: [], summary: [localize({ en: 'This draft has no contents section (目录 / Contents).', zh: '这篇草稿没有目录小节（目录 / Contents）。' }, view.language)] };
  return { edits: [regenerateContentsEdit(view, contents)], summary: contents.entries.map((e) => e.text) };
}
