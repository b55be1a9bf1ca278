// LSP wiring only: builds the server context, lets each feature register its handlers, answers `initialize`
// with what the features offer, and starts listening. All logic lives in the features' services and the core.
import type { InitializeResult } from 'vscode-languageserver/node';
import { toLocale } from '../base/i18n';
import { pathOf } from './checks';
import { ServerContext, type Feature, type WorkerScripts } from './server-context';
import { documentsFeature } from './features/documents';
import { codeActionsFeature } from './features/code-actions';
import { navigationFeature } from './features/navigation';
import { linksFeature } from './features/links';
import { articlesFeature } from './features/articles';
import { gpuFeature } from './features/gpu';
import { topicsFeature } from './features/topics';
import { previewFeature } from './features/preview';
import { linkRefactorFeature } from './features/link-refactor';

const FEATURES: Feature[] = [documentsFeature, codeActionsFeature, navigationFeature, linksFeature, linkRefactorFeature, articlesFeature, gpuFeature, topicsFeature, previewFeature];

export function startServer(scripts: WorkerScripts): void {
  const server = new ServerContext(scripts);
  for (const feature of FEATURES) feature(server);

  server.connection.onInitialize((params): InitializeResult => {
    server.locale = toLocale(params.locale);
    const folders = params.workspaceFolders?.map((f) => pathOf(f.uri)).filter((p): p is string => !!p);
    const root = params.rootUri ? pathOf(params.rootUri) : params.rootPath ?? undefined;
    server.folders = folders && folders.length > 0 ? folders : root ? [root] : [];
    server.canPullConfiguration = !!params.capabilities.workspace?.configuration;
    server.canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
    for (const initialize of server.initializers) initialize(params);
    return { capabilities: server.capabilities, serverInfo: { name: 'benchpress' } };
  });

  server.documents.listen(server.connection);
  server.connection.listen();
}
