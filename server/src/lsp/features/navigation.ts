// Reading a draft: the outline (document symbols), hovers (references, spec tokens, GPU names, hot topics),
// completion (link targets, hot keywords in headings) and the topic lens on the title.
import { documentSymbols } from '../symbols';
import { anchorHover, hoverAt, referenceHover } from '../hover';
import { completions } from '../completion';
import { topicCompletions, topicHoverAt, topicLenses } from '../topics';
import { gpuNameHover, specTokenHover } from '../gpu-hover';
import type { Feature } from '../server-context';

export const navigationFeature: Feature = (server) => {
  const { connection, scheduler } = server;
  Object.assign(server.capabilities, {
    documentSymbolProvider: true,
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['[', '#', ' '] },
    codeLensProvider: { resolveProvider: false },
  });

  connection.onDocumentSymbol(async (params) => {
    const result = await scheduler.current(params.textDocument.uri);
    return result?.view ? documentSymbols(result.view) : [];
  });

  connection.onHover(async (params) => {
    const result = await scheduler.current(params.textDocument.uri);
    if (!result?.view) return null;
    const { env, db } = await server.settingsFor(params.textDocument.uri);
    return (await hoverAt(result.view, params.position, [referenceHover, specTokenHover(db, env.locale), gpuNameHover(db, env.locale), topicHoverAt(result, env.locale), anchorHover(scheduler.workspace)])) ?? null;
  });

  connection.onCompletion(async (params) => {
    const result = await scheduler.current(params.textDocument.uri);
    if (!result?.view) return [];
    const { env } = await server.settingsFor(params.textDocument.uri);
    const items = await completions(result.view, params.position, scheduler.workspace);
    return items.length ? items : topicCompletions(result.view, params.position, env.topicRows, env.locale);
  });

  connection.onCodeLens(async (params) => {
    const result = await scheduler.current(params.textDocument.uri);
    if (!result) return [];
    const { env } = await server.settingsFor(params.textDocument.uri);
    return topicLenses(result, env.locale);
  });
};
