// The server side of the preview panel: the custom request `benchpress/preview` answers with the draft's
// sanitised HTML (preview/render.ts) and the side panel's numbers (preview/stats.ts) for one version.
import type { CheckResult } from '../engine/document-checker';
import type { Locale } from '../base/i18n';
import { flavorOf } from '../markdown/parse';
import { hashString } from '../base/text';
import { guardedLinesOf, renderHtml } from '../preview/render';
import { draftStats, type DraftStats } from '../preview/stats';

export const PREVIEW_REQUEST = 'benchpress/preview';

export interface PreviewParams {
  uri: string;
  /** UI language of the panel (`vscode.env.language`); notices and footnote labels follow it. */
  locale?: string;
}

export interface PreviewPayload {
  /** Sanitised HTML body; block elements carry `data-line` (0-based source lines). */
  html: string;
  /** Source lines that have an element in `html`, ascending. */
  lineMap: number[];
  /** Absent when the draft could not be checked (binary, too large). */
  stats?: DraftStats;
  /** The document version the payload was made from (the client applies only newer ones). */
  version: number;
  /** Why part of the draft is not shown, if it is not. */
  notices?: string[];
}

// Rendering is the expensive part; the same text (a panel reopened, a second request for one version) is
// rendered once. A few entries are enough: one per open preview.
const cache = new Map<string, { key: string; html: string; lineMap: number[]; notices?: string[] }>();
const CACHE_SIZE = 8;

export function previewPayload(uri: string, text: string, result: CheckResult | undefined, locale: Locale, version = 0): PreviewPayload {
  const flavor = flavorOf(result?.view?.path ?? uri);
  const guardedLines = guardedLinesOf(result);
  const key = `${locale}\u0000${flavor}\u0000${guardedLines.join(',')}\u0000${text.length}\u0000${hashString(text)}`;
  let rendered = cache.get(uri);
  if (!rendered || rendered.key !== key) {
    const r = renderHtml(text, { flavor, locale, guardedLines });
    rendered = { key, html: r.html, lineMap: r.lineMap, notices: r.notices };
    cache.delete(uri);
    cache.set(uri, rendered);
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  const stats = result?.view ? draftStats(result.view, result) : undefined;
  return { html: rendered.html, lineMap: rendered.lineMap, ...(stats ? { stats } : {}), version, ...(rendered.notices ? { notices: rendered.notices } : {}) };
}

/** Forgets a closed document's rendering. */
export function forgetPreview(uri: string): void {
  cache.delete(uri);
}
