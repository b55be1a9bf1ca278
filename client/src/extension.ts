// The Benchpress extension: starts the language server and adapts what it offers to VS Code. All checking,
// data and text generation happen in the server; this side asks the writer, shows progress and applies edits.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ClientCommands, Notifications, SERVER_EXEC_ARGV, SERVER_PROCESS_ENV, TOPICS_VIEW_ID, type ClientCommandId, type InitializationOptions } from '../../server/src/protocol';
import { DRAFT_SELECTOR, isDraft, type Ctx } from './context';
import * as commands from './commands';
import * as gpu from './gpu-commands';
import { StatusBar } from './status-bar';
import { TopicsView } from './topics-view';
import { PreviewPanel } from './preview/panel';
import { watchWorkspaceTrust } from './trust';
import { SecretRedactor, redactingChannel } from './redact';
import { RUNPOD_KEY_SECRET } from './commands';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const started = Date.now();
  // The RunPod key (and any key used before in this session) is redacted from everything the channel shows,
  // including the language client's trace of requests, which carry the key to the server.
  const redactor = new SecretRedactor();
  const output = redactingChannel(vscode.window.createOutputChannel('Benchpress', { log: true }), redactor);
  const learnKey = () => void Promise.resolve(context.secrets.get(RUNPOD_KEY_SECRET)).then((key) => redactor.add(key), () => undefined);
  learnKey();
  context.subscriptions.push(context.secrets.onDidChange((e) => e.key === RUNPOD_KEY_SECRET && learnKey()));
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { env: SERVER_PROCESS_ENV, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { env: SERVER_PROCESS_ENV, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };
  const storage = context.storageUri ?? context.globalStorageUri;
  // The server writes its link-check cache here; it creates the folder itself if this has not finished.
  void Promise.resolve(vscode.workspace.fs.createDirectory(storage)).catch(() => undefined);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DRAFT_SELECTOR,
    // The server re-reads .benchpress/ files when they change, and re-checks links when linked files and
    // images appear or go away.
    synchronize: {
      configurationSection: 'benchpress',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.benchpress/**'),
        vscode.workspace.createFileSystemWatcher('**/*.{md,mdx,markdown,png,jpg,jpeg,gif,svg,webp,avif,pdf}'),
      ],
    },
    // Evaluated at every start: the server is restarted when the workspace becomes trusted.
    initializationOptions: (): InitializationOptions => ({
      storagePath: storage.fsPath,
      // VS Code's own Markdown support gives `.md` drafts their outline and path/anchor/reference completions.
      builtinMarkdownLanguages: ['markdown'],
      workspaceTrusted: vscode.workspace.isTrusted,
    }),
    // Hovers on GPU names carry an "Insert spec table" link; only that command may run from them.
    markdown: { isTrusted: { enabledCommands: [ClientCommands.insertSpecTable] }, supportHtml: false },
    outputChannel: output,
    traceOutputChannel: output,
  };
  const statusBar = new StatusBar();
  client = new LanguageClient('benchpress', 'Benchpress', serverOptions, clientOptions);
  const languageClient = client;
  // Activation does not wait for the server: commands and views wait for `ready` when they need it.
  const ready = languageClient.start().then(
    () => {
      context.subscriptions.push(languageClient.onNotification(Notifications.documentStatus, (status) => statusBar.update(status)));
      output.info(`Benchpress language server ready ${Date.now() - started} ms after activation began.`);
    },
    (error: Error) => {
      output.error(`The Benchpress language server did not start: ${error.message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The Benchpress language server did not start: {0}', error.message));
      throw error;
    },
  );
  // Commands await `ready` and see the failure; nothing else should report it as unhandled.
  ready.catch(() => undefined);
  const ctx: Ctx = {
    extension: context,
    client: languageClient,
    output,
    redactor,
    request: async (type, params, token) => {
      await ready;
      // The protocol types the parameters; the client library's own parameter wrapper type adds nothing here.
      return languageClient.sendRequest(type, params as never, token);
    },
  };

  const topics = new TopicsView(ctx.request);
  const register = (id: ClientCommandId, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
  const C = ClientCommands;
  register(C.newArticle, (args?: commands.NewArticleArgs) => commands.newArticle(ctx, args));
  register(C.regenerateToc, () => commands.regenerateToc(ctx));
  register(C.checkLinks, () => commands.checkLinks(ctx));
  register(C.fixAll, () => commands.fixAll(ctx));
  register(C.setRunPodApiKey, () => commands.setRunPodApiKey(ctx));
  register(C.clearRunPodApiKey, () => commands.clearRunPodApiKey(ctx));
  register(C.applySnippet, (uri: string, version: number, edits: Parameters<typeof commands.applySnippet>[2]) => commands.applySnippet(uri, version, edits));
  register(C.insertSpecTable, (args?: gpu.TableArgs) => gpu.insertSpecTable(ctx, args));
  register(C.insertComparisonTable, (args?: gpu.TableArgs) => gpu.insertComparisonTable(ctx, args));
  register(C.insertPricingTable, (args?: gpu.TableArgs) => gpu.insertPricingTable(ctx, args));
  register(C.insertCostEstimate, (args?: gpu.TableArgs) => gpu.insertCostEstimate(ctx, args));
  register(C.refreshTables, () => gpu.refreshTables(ctx));
  register(C.expandTokens, () => gpu.expandTokens(ctx));
  register(C.importNvidiaSmi, () => gpu.importNvidiaSmi(ctx));
  register(C.refreshPrices, () => gpu.refreshPrices(ctx));
  register(C.showPreview, () => PreviewPanel.show(context, () => client, vscode.window.activeTextEditor));
  register(C.showTopicHeat, () => vscode.commands.executeCommand(`${TOPICS_VIEW_ID}.focus`));
  register(C.refreshTopicHeat, () => topics.refresh());
  context.subscriptions.push(
    PreviewPanel.registerSerializer(context, () => client),
    { dispose: () => PreviewPanel.active?.dispose() },
    statusBar,
    vscode.window.registerTreeDataProvider(TOPICS_VIEW_ID, topics),
    vscode.workspace.onDidSaveTextDocument((d) => isDraft(d) && topics.refresh()),
    watchWorkspaceTrust(ctx, statusBar),
    vscode.workspace.onDidCloseTextDocument((d) => statusBar.forget(d.uri.toString())),
  );

  output.info(`Benchpress activated in ${Date.now() - started} ms.`);
  return { client: languageClient };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
