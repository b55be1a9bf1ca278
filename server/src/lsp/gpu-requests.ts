// GPU data in the editor: the GPU list for quick picks, tables in the draft's language, refreshing tables in
// place, expanding spec tokens, nvidia-smi import, and live price refresh. Each adapts a core function.
import path from 'node:path';
import type { Connection, CancellationToken, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckScheduler } from './checks';
import type { SettingsStore } from './settings';
import { comparisonTable, costEstimate, pricingTable, specTable, type TableKind } from '../gpu/tables';
import { refreshBlocks, todayIso } from '../gpu/blocks';
import { expandTokens } from '../gpu/tokens';
import { parseSmi, smiTable } from '../gpu/smi';
import { fetchRunpodPrices, priceErrorText } from '../gpu/prices/runpod';
import { PRICE_CACHE_RELATIVE, PriceStore } from '../gpu/prices/store';
import { LineIndex } from '../base/text';
import { localize } from '../base/i18n';
import { Notifications, type DocumentEditResult } from '../protocol';
import { abortOn } from './requests';
import { priceChanges, BUILTIN_PRICE_SNAPSHOT } from '../cli/prices';

type Lang = 'en' | 'zh-cn';

export interface TableParams {
  uri?: string;
  kind: TableKind;
  gpus: string[];
  fields?: string[];
  lang: Lang;
  hours?: number;
  count?: number;
}

export async function gpusRequest(scheduler: CheckScheduler, uri: string | undefined) {
  const { db } = await scheduler.settingsForRoot(uri);
  return db.gpus.map((g) => ({ id: g.id, name: g.name, memoryGB: g.memoryGB, memoryType: g.memoryType, architecture: g.architecture, segment: g.segment ?? null, hasPrices: db.pricesFor(g.id).length > 0 }));
}

export async function tableRequest(scheduler: CheckScheduler, params: TableParams): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  const { db } = await scheduler.settingsForRoot(params.uri);
  const opts = { lang: params.lang, fields: params.fields };
  const result =
    params.kind === 'spec' ? specTable(db, params.gpus[0] ?? '', opts)
    : params.kind === 'compare' ? comparisonTable(db, params.gpus, opts)
    : params.kind === 'pricing' ? pricingTable(db, params.gpus, opts)
    : costEstimate(db, { gpuId: params.gpus[0] ?? '', hours: params.hours ?? 1, count: params.count ?? 1 }, opts);
  return result.ok ? { ok: true, text: result.text } : { ok: false, error: result.error };
}

function editsFromOffsets(document: TextDocument, edits: { start: number; end: number; newText: string }[]) {
  const lines = new LineIndex(document.getText());
  return edits.map((e) => ({ range: lines.rangeOf(e.start, e.end), newText: e.newText }));
}

export async function refreshTablesRequest(scheduler: CheckScheduler, documents: TextDocuments<TextDocument>, uri: string): Promise<DocumentEditResult | undefined> {
  const document = documents.get(uri);
  if (!document) return undefined;
  const { db, config, env } = await scheduler.settingsFor(uri);
  const result = await scheduler.current(uri);
  const lang: Lang = result?.view?.language ?? env.locale;
  const refreshed = refreshBlocks(document.getText(), db, todayIso(), { staleAfterDays: config.pricingStaleAfterDays, lang });
  const summary = [...refreshed.changes.flatMap((c) => c.summary), ...refreshed.problems.map((p) => localize(p.message, lang))];
  return { version: document.version, edits: editsFromOffsets(document, refreshed.edits), summary };
}

export async function expandTokensRequest(scheduler: CheckScheduler, documents: TextDocuments<TextDocument>, uri: string): Promise<DocumentEditResult | undefined> {
  const document = documents.get(uri);
  if (!document) return undefined;
  const { db, env } = await scheduler.settingsFor(uri);
  const result = await scheduler.current(uri);
  const lang: Lang = result?.view?.language ?? env.locale;
  const text = document.getText();
  const expanded = expandTokens(text, db, lang);
  const edits = expanded.text === text ? [] : [{ range: new LineIndex(text).rangeOf(0, text.length), newText: expanded.text }];
  const summary = [`${expanded.expanded}`, ...expanded.errors.map((e) => e.message)];
  return { version: document.version, edits, summary };
}

export type SmiTableResult = { ok: true; text: string; gpus: number } | { ok: false; error: string };

export async function smiTableRequest(params: { text: string; lang: Lang; fields?: string[] }): Promise<SmiTableResult> {
  const parsed = parseSmi(params.text, { fields: params.fields });
  if (!parsed.ok) return { ok: false, error: parsed.line !== undefined ? `line ${parsed.line}: ${parsed.error}` : parsed.error };
  try {
    return { ok: true, text: smiTable(parsed.gpus, { lang: params.lang, fields: params.fields }), gpus: parsed.gpus.length };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export interface RefreshPricesParams {
  apiKey: string;
  progressId?: string;
  /** For tests and proxies: the API URL (a setting would let a draft's workspace redirect the key, so it is not one). */
  baseUrl?: string;
  uri?: string;
}

/**
 * Fetches live RunPod prices with the key the client passes (never stored or logged here), saves them in the
 * workspace cache, and reloads data so tables and checks use them. On any failure nothing is saved.
 */
export async function refreshPricesRequest(connection: Connection, scheduler: CheckScheduler, settings: SettingsStore, locale: Lang, params: RefreshPricesParams, token: CancellationToken) {
  const { root } = await scheduler.settingsForRoot(params.uri);
  const result = await fetchRunpodPrices({
    apiKey: params.apiKey,
    baseUrl: params.baseUrl,
    signal: abortOn(token),
    onProgress: (p) => {
      if (params.progressId) void connection.sendNotification(Notifications.progress, { progressId: params.progressId, done: 0, total: 0, message: locale === 'zh-cn' ? p.messageZh : p.message });
    },
  });
  if (!result.ok) return { ok: false as const, error: priceErrorText(result.error, locale), kind: result.error.kind };
  let saved: string | undefined;
  if (root) {
    const file = path.join(root, PRICE_CACHE_RELATIVE);
    await new PriceStore().save(file, result.snapshot);
    saved = file;
  }
  settings.invalidate(root);
  scheduler.recheckAll();
  const changes = priceChanges(BUILTIN_PRICE_SNAPSHOT, result.snapshot)
    .filter((c) => c.kind !== 'unchanged')
    .map((c) => (c.kind === 'new' ? `${c.gpuId} ${c.tier}: $${c.after.toFixed(2)}/h` : `${c.gpuId} ${c.tier}: $${c.before?.toFixed(2)} → $${c.after.toFixed(2)}/h`));
  return { ok: true as const, prices: result.snapshot.prices.length, changes, saved, asOf: result.snapshot.asOf };
}
