// The preview of a draft: its sanitised HTML (preview/render.ts) and the side panel's numbers (preview/stats.ts),
// for the editor's panel and for `benchpress render`. Rendering is the expensive part, so the editor keeps the
// last rendering per document and renders again only when the text (or what shapes the rendering) changed.
import type { Locale } from '../base/i18n';
import { hashString } from '../base/text';
import { flavorOf } from '../markdown/parse';
import type { CheckResult } from '../engine/document-checker';
import { guardedLinesOf, renderHtml, type RenderOptions, type RenderResult } from '../preview/render';
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

/** Renders a draft: in this thread by default; the language server passes its render thread (preview/render-thread.ts). */
export type RenderText = (text: string, options: RenderOptions, uri: string) => RenderResult | Promise<RenderResult>;

function renderOptions(result: CheckResult | undefined, options: PreviewOptions): RenderOptions & Required<Pick<RenderOptions, 'guardedLines' | 'anchors'>> {
  return { flavor: flavorOf(result?.view?.path ?? options.path), locale: options.locale, guardedLines: guardedLinesOf(result), maxBytes: options.maxBytes, anchors: anchorsOf(result, options) };
}

const renderingOf = (r: RenderResult): Rendering => ({ html: r.html, lineMap: r.lineMap, ...(r.notices ? { notices: r.notices } : {}) });

function payload(rendering: Rendering, result: CheckResult | undefined, version: number): PreviewPayload {
  const stats = result?.view ? draftStats(result.view, result) : undefined;
  return { ...rendering, ...(stats ? { stats } : {}), version };
}

/** The preview of a checked draft. */
export function previewOf(text: string, result: CheckResult | undefined, options: PreviewOptions): PreviewPayload {
  return payload(renderingOf(renderHtml(text, renderOptions(result, options))), result, options.version ?? 0);
}

/**
 * Previews of open documents, each rendered once per distinct text (requests for a text being rendered share that
 * rendering); a few entries: one per open panel.
 */
export class PreviewRenderer {
  private readonly cache = new Map<string, { key: string; rendering: Promise<Rendering> }>();

  constructor(private readonly renderText: RenderText = (text, options) => renderHtml(text, options), private readonly size = 8) {}

  async previewOf(uri: string, text: string, result: CheckResult | undefined, options: PreviewOptions): Promise<PreviewPayload> {
    const render = renderOptions(result, options);
    const key = [render.locale, render.flavor, render.guardedLines.join(','), anchorSettingsKey(render.anchors), text.length, hashString(text)].join('\u0000');
    let entry = this.cache.get(uri);
    if (!entry || entry.key !== key) {
      const rendering = Promise.resolve().then(() => this.renderText(text, render, uri)).then(renderingOf);
      const created = { key, rendering };
      entry = created;
      // A rendering that failed (or was superseded) is not kept: the next request renders again.
      rendering.catch(() => {
        if (this.cache.get(uri) === created) this.cache.delete(uri);
      });
    }
    // Most recently used last, so the first entry is the one to drop.
    this.cache.delete(uri);
    this.cache.set(uri, entry);
    while (this.cache.size > this.size) this.cache.delete(this.cache.keys().next().value!);
    return payload(await entry.rendering, result, options.version ?? 0);
  }

  /** Forgets a closed document's rendering. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
