// External links: the Check Links command (`benchpress/checkLinks`, with progress and cancellation), and checks
// in the background when the workspace asks for them (`checkUrls`, `urlCheck.checkOnSave`). Results are shown as
// diagnostics by re-checking the draft with them.
import path from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver/node';
import { JsonFileUrlCache } from '../../links/external';
import { externalLinks } from '../../links/external/occurrences';
import { checkLinksOf, linkCheckCounts } from '../../services/link-check';
import { Requests, type CheckLinksParams, type CheckLinksResult } from '../../protocol';
import type { CancellationToken } from 'vscode-languageserver';
import { pathOf } from '../checks';
import type { Feature, ServerContext } from '../server-context';

async function checkLinks(server: ServerContext, params: CheckLinksParams, token: CancellationToken): Promise<CheckLinksResult> {
  const view = (await server.scheduler.current(params.uri))?.view;
  if (!view) return linkCheckCounts(new Map(), false);
  const { config } = await server.settingsFor(params.uri);
  const signal = server.abortOn(token);
  const results = await checkLinksOf([view], config, { signal, cache: server.urlCache, onProgress: (done, total) => server.progress(params.progressId, done, total) });
  server.scheduler.setUrlResults(params.uri, results);
  return linkCheckCounts(results, signal.aborted);
}

export const linksFeature: Feature = (server) => {
  const { connection, documents, scheduler } = server;
  /** Documents whose links are being checked in the background. */
  const running = new Set<string>();
  const checkInBackground = (uri: string) => {
    if (running.has(uri)) return;
    running.add(uri);
    void checkLinks(server, { uri }, new CancellationTokenSource().token)
      .catch((error) => connection.console.warn(`Benchpress: link check failed: ${(error as Error).message}`))
      .finally(() => running.delete(uri));
  };

  server.initializers.push((params) => {
    const storagePath = (params.initializationOptions as { storagePath?: string } | undefined)?.storagePath;
    if (storagePath) server.urlCache = JsonFileUrlCache.openSync(path.join(storagePath, 'url-cache.json'), { onWarning: (m) => connection.console.warn(m) });
  });

  connection.onRequest(Requests.checkLinks, (params, token) => checkLinks(server, params, token));

  /** A draft the `ignore` setting matches shows no problems: its links are not checked in the background. */
  const ignored = (uri: string, settings: { isIgnored(file: string): boolean }) => {
    const file = pathOf(uri);
    return !!file && settings.isIgnored(file);
  };

  documents.onDidSave(async (e) => {
    const settings = await server.settingsFor(e.document.uri);
    if (settings.config.urlCheck.checkOnSave && !ignored(e.document.uri, settings)) checkInBackground(e.document.uri);
  });

  // With checkUrls on, links without a result yet are checked in the background (cached, so cheap later).
  scheduler.onChecked((uri, _version, result) => {
    void server.settingsFor(uri).then((settings) => {
      const { config } = settings;
      if (!config.checkUrls || !result.view || ignored(uri, settings)) return;
      const known = scheduler.urlResultsOf(uri);
      if (externalLinks(result.view).some((l) => !known?.has(l.url))) checkInBackground(uri);
    });
  });
};
