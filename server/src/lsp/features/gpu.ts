// GPU data in the editor: the GPU list for quick picks, tables in the draft's language, refreshing the tables of
// a draft in place, expanding spec tokens, nvidia-smi import, and live price refresh.
import { LineIndex } from '../../base/text';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fetchRunpodPrices, priceErrorText } from '../../gpu/prices/runpod';
import { BUILTIN_PRICE_SNAPSHOT } from '../../node/data-files';
import { draftLanguageOf, expandTokensOf, gpuList, refreshTablesOf, smiTableOf, tableText, type OffsetEdit } from '../../services/tables';
import { priceChanges, savePrices, workspacePriceFile } from '../../services/prices';
import { Requests, type DocumentEditResult, type RefreshPricesResult } from '../../protocol';
import type { Feature } from '../server-context';

function documentEdit(document: TextDocument, result: { edits: OffsetEdit[]; summary: string[] }): DocumentEditResult {
  const lines = new LineIndex(document.getText());
  return { version: document.version, edits: result.edits.map((e) => ({ range: lines.rangeOf(e.start, e.end), newText: e.newText })), summary: result.summary };
}

export const gpuFeature: Feature = (server) => {
  const { connection, documents } = server;
  /** Inserted text follows the draft's language (its prose), else the editor's. */
  const languageOf = async (uri: string | undefined) => {
    if (!uri || !documents.get(uri)) return server.locale;
    return (await server.scheduler.current(uri))?.view?.language ?? draftLanguageOf(documents.get(uri)!.getText());
  };

  connection.onRequest(Requests.gpus, async (params) => gpuList((await server.settingsFor(params?.uri)).db));

  connection.onRequest(Requests.table, async (params) => {
    const { db } = await server.settingsFor(params.uri);
    const lang = params.lang ?? (await languageOf(params.uri));
    return tableText(db, { kind: params.kind, gpus: params.gpus, hours: params.hours ?? 1, count: params.count ?? 1 }, { lang, fields: params.fields });
  });

  connection.onRequest(Requests.refreshTables, async (params) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    const { db, config } = await server.settingsFor(params.uri);
    return documentEdit(document, refreshTablesOf(document.getText(), db, await languageOf(params.uri), config.pricingStaleAfterDays));
  });

  connection.onRequest(Requests.expandTokens, async (params) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    const { db } = await server.settingsFor(params.uri);
    return documentEdit(document, expandTokensOf(document.getText(), db, await languageOf(params.uri)));
  });

  connection.onRequest(Requests.smiTable, async (params) => smiTableOf({ ...params, lang: params.lang ?? (await languageOf(params.uri)) }));

  // The key comes from the client's secret storage with each request; it is never stored or logged here.
  connection.onRequest(Requests.refreshPrices, async (params, token): Promise<RefreshPricesResult> => {
    const { root } = await server.settingsFor(params.uri);
    const locale = server.locale;
    const result = await fetchRunpodPrices({
      apiKey: params.apiKey,
      baseUrl: params.baseUrl,
      signal: server.abortOn(token),
      onProgress: (p) => server.progress(params.progressId, 0, 0, locale === 'zh-cn' ? p.messageZh : p.message),
    });
    if (!result.ok) return { ok: false, error: priceErrorText(result.error, locale), kind: result.error.kind };
    const saved = root ? workspacePriceFile(root) : undefined;
    if (saved) await savePrices(saved, result.snapshot, { cacheFolder: true });
    server.settings.invalidate(root);
    server.scheduler.recheckAll();
    const changes = priceChanges(BUILTIN_PRICE_SNAPSHOT, result.snapshot)
      .filter((c) => c.kind !== 'unchanged')
      .map((c) => (c.kind === 'new' ? `${c.gpuId} ${c.tier}: $${c.after.toFixed(2)}/h` : `${c.gpuId} ${c.tier}: $${c.before?.toFixed(2)} → $${c.after.toFixed(2)}/h`));
    return { ok: true, prices: result.snapshot.prices.length, changes, saved, asOf: result.snapshot.asOf, api: result.api, unknownIds: result.stats.unknownIds };
  });
};
