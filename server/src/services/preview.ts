// The preview of a draft: its sanitised HTML (preview/render.ts) and the side panel's numbers (preview/stats.ts),
// for the editor's panel and for `benchpress render`. Rendering is the expensive part, so the editor keeps the
// last rendering per document and renders again only when the text (or what shapes the rendering) changed.
import type { Locale } from '../base/i18n';
import { hashString } from '../base/text';
import { flavorOf } from '../markdown/parse';
import type { CheckResult } from '../engine/document-checker';
import { guardedLinesOf, renderHtml } from '../preview/render';
import { draftStats } from '../preview/stats';
import type { PreviewPayload } from '../protocol';
import { anchorSettingsKey, DEFAULT_ANCHOR_SETTINGS, type AnchorSettings } from '../markdown/heading-anchors';

export interface PreviewOptions {
  /** The document's path or URI (it decides Markdown or MDX). */
  path: string;
  locale: Locale;
  /** Larger drafts are not rendered (the CLI passes the workspace's maxFileSizeKB). */
  maxBytes?: number;
  version?: number;
  /** Whose anchors the headings get as ids; by default those the check used (`links.anchorStyle`). */
  anchors?: AnchorSettings;
}

/** The preview's heading ids are the anchors the draft was checked with, so links, contents and preview agree. */
const anchorsOf = (result: CheckResult | undefined, options: PreviewOptions): AnchorSettings => options.anchors ?? result?.view?.anchorSettings ?? DEFAULT_ANCHOR_SETTINGS;

type Rendering = Pick<PreviewPayload, 'html' | 'lineMap' | 'notices'>;

function render(text: string, result: CheckResult | undefined, options: PreviewOptions): Rendering {
  const r = renderHtml(text, { flavor: flavorOf(result?.view?.path ?? options.path), locale: options.locale, guardedLines: guardedLinesOf(result), maxBytes: options.maxBytes, anchors: anchorsOf(result, options) });
  return { html: r.html, lineMap: r.lineMap, ...(r.notices ? { notices: r.notices } : {}) };
}

function payload(rendering: Rendering, result: CheckResult | undefined, version: number): PreviewPayload {
  const stats = result?.view ? draftStats(result.view, result) : undefined;
  return { ...rendering, ...(stats ? { stats } : {}), version };
}

/** The preview of a checked draft. */
export function previewOf(text: string, result: CheckResult | undefined, options: PreviewOptions): PreviewPayload {
  return payload(render(text, result, options), result, options.version ?? 0);
}

/** Previews of open documents, each rendered once per distinct text; a few entries: one per open panel. */
export class PreviewRenderer {
  private readonly cache = new Map<string, { key: string; rendering: Rendering }>();

  constructor(private readonly size = 8) {}

  previewOf(uri: string, text: string, result: CheckResult | undefined, options: PreviewOptions): PreviewPayload {
    const key = [options.locale, flavorOf(result?.view?.path ?? options.path), guardedLinesOf(result).join(','), anchorSettingsKey(anchorsOf(result, options)), text.length, hashString(text)].join('\u0000');
    let entry = this.cache.get(uri);
    if (!entry || entry.key !== key) entry = { key, rendering: render(text, result, options) };
    // Most recently used last, so the first entry is the one to drop.
    this.cache.delete(uri);
    this.cache.set(uri, entry);
    while (this.cache.size > this.size) this.cache.delete(this.cache.keys().next().value!);
    return payload(entry.rendering, result, options.version ?? 0);
  }

  /** Forgets a closed document's rendering. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
