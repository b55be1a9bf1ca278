// Reading a draft: the outline (document symbols), hovers (references, spec tokens, GPU names, hot topics),
// completion (link targets, hot keywords in headings) and the topic lens on the title.
//
// A good neighbour: where the editor has Markdown support of its own (VS Code for `markdown` documents, as the
// client says in `builtinMarkdownLanguages`), its outline and its path, anchor and reference completions are the
// ones the writer sees; Benchpress adds only what is its own there (hot keywords in headings). The outline is then
// registered for MDX drafts only, so VS Code's Outline view and breadcrumbs show one outline, not two; other
// editors (no such option) get everything.
import { DocumentSymbolRequest, type DocumentSelector, type InitializeParams } from 'vscode-languageserver/node';
import { documentSymbols } from '../symbols';
import { anchorHover, hoverAt, referenceHover } from '../hover';
import { completions } from '../completion';
import { topicCompletions, topicHoverAt, topicLenses } from '../topics';
import { gpuNameHover, specTokenHover } from '../gpu-hover';
import type { Feature } from '../server-context';

/** Drafts the editor's own Markdown support does not cover: MDX, by language id (an MDX extension) or file name. */
const MDX_SELECTOR: DocumentSelector = [{ language: 'mdx' }, { pattern: '**/*.mdx' }];

export const navigationFeature: Feature = (server) => {
  const { connection, scheduler } = server;
  Object.assign(server.capabilities, {
    documentSymbolProvider: true,
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['[', '#', ' '] },
    codeLensProvider: { resolveProvider: false },
  });

  let registerSymbolsForMdx = false;
  server.initializers.push((params: InitializeParams) => {
    if (!server.host.builtinMarkdownLanguages?.length) return;
    // Registered for MDX only once initialized; a client that cannot register later keeps the static provider,
    // which then answers nothing for the editor's own Markdown documents.
    if (params.capabilities.textDocument?.documentSymbol?.dynamicRegistration) {
      delete server.capabilities.documentSymbolProvider;
      registerSymbolsForMdx = true;
    }
  });
  connection.onInitialized(() => {
    if (registerSymbolsForMdx) void connection.client.register(DocumentSymbolRequest.type, { documentSelector: MDX_SELECTOR, label: 'Benchpress' }).catch(() => undefined);
  });

  connection.onDocumentSymbol(async (params, token) => {
    if (server.editorHandlesMarkdown(params.textDocument.uri)) return null;
    const result = await server.cancellable(token, scheduler.current(params.textDocument.uri));
    return result?.view ? documentSymbols(result.view) : [];
  });

  connection.onHover(async (params, token) => {
    const result = await server.cancellable(token, scheduler.current(params.textDocument.uri));
    if (!result?.view) return null;
    const { env, db } = await server.settingsFor(params.textDocument.uri);
    return (await hoverAt(result.view, params.position, [referenceHover, specTokenHover(db, env.locale), gpuNameHover(db, env.locale), topicHoverAt(result, env.locale), anchorHover(scheduler.workspace)])) ?? null;
  });

  connection.onCompletion(async (params, token) => {
    const uri = params.textDocument.uri;
    const result = await server.cancellable(token, scheduler.current(uri));
    if (!result?.view) return [];
    const { env } = await server.settingsFor(uri);
    // Link targets, anchors and reference ids only where the editor does not complete them itself.
    const items = server.editorHandlesMarkdown(uri) ? [] : await completions(result.view, params.position, scheduler.workspace);
    return items.length ? items : topicCompletions(result.view, params.position, env.topicRows, env.locale);
  });

  connection.onCodeLens(async (params, token) => {
    const result = await server.cancellable(token, scheduler.current(params.textDocument.uri));
    if (!result) return [];
    const { env } = await server.settingsFor(params.textDocument.uri);
    return topicLenses(result, env.locale);
  });
};
