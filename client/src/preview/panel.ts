// The preview beside the editor: a webview that shows the draft as the server renders and sanitises it
// (`benchpress/preview`), updated while the writer types (at most one request per 300 ms; a reply older than
// the one shown is dropped), scrolled in step with the editor both ways, with a side panel of the quality
// checklist, template progress, word count, reading time and topic heat (media/preview.js draws it).
//
// Security: the draft's HTML is sanitised by the server (no scripts, handlers or script URLs survive); the page
// has a strict Content-Security-Policy (no inline script or style; scripts only with this page's nonce; images
// from the extension, the workspace, https and data:); local files load only from `media/` and the document's
// workspace folder, through asWebviewUri; links never navigate the webview — the extension opens them.
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { Requests, type Locale, type PreviewParams, type PreviewPayload } from '../../../server/src/protocol';
import type { FromWebview, ToWebview, WebviewState } from './protocol';

const THROTTLE_MS = 300;
/** After the preview moved the editor, the editor's own scroll events are not echoed back for this long. */
const ECHO_GUARD_MS = 400;

export const PREVIEW_VIEW_TYPE = 'benchpress.preview';

type ClientSource = LanguageClient | (() => LanguageClient | undefined);

export function uiLocale(): Locale {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

export function isPreviewable(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' || document.languageId === 'mdx' || /\.(md|mdx|markdown)$/i.test(document.fileName);
}

export class PreviewPanel implements vscode.Disposable {
  private static current: PreviewPanel | undefined;

  /** Opens the preview of `editor`'s document beside it, or shows the open preview with that document. */
  static show(context: vscode.ExtensionContext, client: ClientSource, editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor): PreviewPanel | undefined {
    if (!editor || !isPreviewable(editor.document)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Benchpress: open a Markdown draft first.'));
      return undefined;
    }
    const existing = PreviewPanel.current;
    if (existing) {
      existing.setDocument(editor.document);
      existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      PreviewPanel.titleFor(editor.document),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { ...PreviewPanel.webviewOptions(context, editor.document), retainContextWhenHidden: false, enableFindWidget: true },
    );
    PreviewPanel.current = new PreviewPanel(context, client, panel, editor.document);
    return PreviewPanel.current;
  }

  /** Restores a preview after a window reload (for `registerWebviewPanelSerializer`). */
  static async revive(context: vscode.ExtensionContext, client: ClientSource, panel: vscode.WebviewPanel, state: WebviewState | undefined): Promise<void> {
    let document: vscode.TextDocument | undefined;
    try {
      document = state?.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri)) : undefined;
    } catch {
      document = undefined;
    }
    if (!document || PreviewPanel.current) {
      panel.dispose();
      return;
    }
    panel.webview.options = PreviewPanel.webviewOptions(context, document);
    PreviewPanel.current = new PreviewPanel(context, client, panel, document, state?.line);
  }

  /** Registers the serializer that brings the preview back after a reload. */
  static registerSerializer(context: vscode.ExtensionContext, client: ClientSource): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => PreviewPanel.revive(context, client, panel, state as WebviewState | undefined),
    });
  }

  /** The open preview, if any (for tests and commands). */
  static get active(): PreviewPanel | undefined {
    return PreviewPanel.current;
  }

  private static titleFor(document: vscode.TextDocument): string {
    const name = document.isUntitled ? document.fileName : path.basename(document.uri.path);
    return vscode.l10n.t('Preview {0}', name);
  }

  private static roots(context: vscode.ExtensionContext, document: vscode.TextDocument): vscode.Uri[] {
    const roots = [vscode.Uri.joinPath(context.extensionUri, 'media')];
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (folder) roots.push(folder.uri);
    else if (document.uri.scheme === 'file') roots.push(vscode.Uri.joinPath(document.uri, '..'));
    return roots;
  }

  private static webviewOptions(context: vscode.ExtensionContext, document: vscode.TextDocument): vscode.WebviewOptions {
    return { enableScripts: true, enableForms: false, enableCommandUris: false, localResourceRoots: PreviewPanel.roots(context, document) };
  }

  private readonly disposables: vscode.Disposable[] = [];
  private documentUri: vscode.Uri;
  private readonly locale = uiLocale();
  private throttle: NodeJS.Timeout | undefined;
  private requestSeq = 0;
  private appliedSeq = 0;
  private ready = false;
  /** The document of the last update the webview got (to tell it to jump when the document changes). */
  private shownUri: string | undefined;
  private ignoreEditorScrollUntil = 0;
  private disposed = false;
  /** Set while waiting for the language server to be running (the preview can open before it is). */
  private waitingForClient: vscode.Disposable | undefined;

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: ClientSource,
    readonly panel: vscode.WebviewPanel,
    document: vscode.TextDocument,
    private restoreLine?: number,
  ) {
    this.documentUri = document.uri;
    panel.webview.html = this.page();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: FromWebview) => this.onMessage(message)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.documentUri.toString() && e.contentChanges.length > 0) this.scheduleUpdate();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // The preview follows the Markdown draft in the active editor.
        if (editor && isPreviewable(editor.document) && editor.document.uri.toString() !== this.documentUri.toString()) this.setDocument(editor.document);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.onEditorScrolled(e)),
    );
  }

  /** The document shown. */
  get uri(): vscode.Uri {
    return this.documentUri;
  }

  setDocument(document: vscode.TextDocument): void {
    if (this.disposed) return;
    const changed = document.uri.toString() !== this.documentUri.toString();
    this.documentUri = document.uri;
    this.panel.title = PreviewPanel.titleFor(document);
    if (changed) {
      const options = PreviewPanel.webviewOptions(this.context, document);
      const before = (this.panel.webview.options.localResourceRoots ?? []).map(String).join('\n');
      if ((options.localResourceRoots ?? []).map(String).join('\n') !== before) this.panel.webview.options = options;
    }
    void this.update();
  }

  private page(): string {
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css'));
    const nonce = randomBytes(18).toString('base64');
    const csp = [
      `default-src 'none'`,
      `img-src ${webview.cspSource} https: data:`,
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    const zh = this.locale === 'zh-cn';
    return `<!DOCTYPE html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeHtml(vscode.l10n.t('Benchpress preview'))}</title>
</head>
<body data-locale="${this.locale}">
<div class="bp-layout">
<main id="bp-content" class="bp-content markdown-body"></main>
<aside id="bp-side" class="bp-side" aria-label="${escapeHtml(vscode.l10n.t('Content quality'))}"></aside>
</div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  private languageClient(): LanguageClient | undefined {
    return typeof this.client === 'function' ? this.client() : this.client;
  }

  private post(message: ToWebview): void {
    if (!this.disposed && this.ready) void this.panel.webview.postMessage(message);
  }

  private document(): vscode.TextDocument | undefined {
    const key = this.documentUri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  private editor(): vscode.TextEditor | undefined {
    const key = this.documentUri.toString();
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  }

  /** Throttled: while the writer types, one request per THROTTLE_MS, always for the text as it is then. */
  private scheduleUpdate(): void {
    if (this.throttle || this.disposed) return;
    this.throttle = setTimeout(() => {
      this.throttle = undefined;
      void this.update();
    }, THROTTLE_MS);
  }

  private async update(): Promise<void> {
    if (this.disposed || !this.ready) return;
    const seq = ++this.requestSeq;
    const uri = this.documentUri;
    const client = this.languageClient();
    let payload: PreviewPayload | null | undefined;
    if (client && !client.isRunning() && client.state !== State.Stopped) {
      // Still starting: show the preview as soon as it runs.
      this.waitingForClient ??= client.onDidChangeState((e) => {
        if (e.newState !== State.Running) return;
        this.waitingForClient?.dispose();
        this.waitingForClient = undefined;
        void this.update();
      });
      return;
    }
    try {
      if (!client || !client.isRunning()) throw new Error(vscode.l10n.t('the language server is not running'));
      const params: PreviewParams = { uri: client.code2ProtocolConverter.asUri(uri), locale: this.locale };
      payload = await client.sendRequest(Requests.preview, params);
    } catch (error) {
      // Only the latest request's failure is news: an older one may have been answered ContentModified because this
      // newer one replaced it on the server.
      if (seq === this.requestSeq) this.post({ type: 'notice', text: vscode.l10n.t('The preview is not available: {0}', (error as Error)?.message ?? String(error)), locale: this.locale });
      return;
    }
    // Replies can overtake each other: never show an older one over a newer one, nor one for another document.
    if (this.disposed || seq <= this.appliedSeq || uri.toString() !== this.documentUri.toString()) return;
    this.appliedSeq = seq;
    if (!payload) {
      this.post({ type: 'notice', text: vscode.l10n.t('The server does not have this draft open (is it a Markdown file?).'), locale: this.locale });
      return;
    }
    const key = uri.toString();
    const switched = this.shownUri !== key;
    this.shownUri = key;
    const webview = this.panel.webview;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const resourceBase = uri.scheme === 'file' || folder ? webview.asWebviewUri(vscode.Uri.joinPath(uri, '..')).toString().replace(/\/?$/, '/') : undefined;
    const rootBase = folder ? webview.asWebviewUri(folder.uri).toString().replace(/\/?$/, '/') : resourceBase;
    const line = this.restoreLine ?? this.editor()?.visibleRanges[0]?.start.line ?? 0;
    this.restoreLine = undefined;
    this.post({
      type: 'update',
      uri: key,
      name: path.basename(uri.path),
      version: payload.version,
      html: payload.html,
      lineMap: payload.lineMap,
      stats: payload.stats,
      notices: payload.notices,
      locale: this.locale,
      resourceBase,
      rootBase,
      line,
      switched,
    });
  }

  private onEditorScrolled(e: vscode.TextEditorVisibleRangesChangeEvent): void {
    if (e.textEditor.document.uri.toString() !== this.documentUri.toString()) return;
    if (Date.now() < this.ignoreEditorScrollUntil) return;
    const line = e.visibleRanges[0]?.start.line;
    if (line !== undefined) this.post({ type: 'scroll', line });
  }

  private onMessage(message: FromWebview): void {
    switch (message?.type) {
      case 'ready':
        this.ready = true;
        this.shownUri = undefined;
        void this.update();
        break;
      case 'reveal': {
        const editor = this.editor();
        if (!editor || !Number.isFinite(message.line)) return;
        const line = Math.max(0, Math.min(editor.document.lineCount - 1, Math.floor(message.line)));
        this.ignoreEditorScrollUntil = Date.now() + ECHO_GUARD_MS;
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
        break;
      }
      case 'openLine':
        void this.openLine(message.line);
        break;
      case 'link':
        void this.openLink(String(message.href ?? ''));
        break;
      default:
        break;
    }
  }

  private async openLine(value: number): Promise<void> {
    const document = this.document() ?? (await vscode.workspace.openTextDocument(this.documentUri));
    if (!Number.isFinite(value)) return;
    const line = Math.max(0, Math.min(document.lineCount - 1, Math.floor(value)));
    const column = this.editor()?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const position = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(position, position), preserveFocus: false });
  }

  /** Links from the draft: web and mail links open outside, relative paths open in the editor; nothing else. */
  private async openLink(href: string): Promise<void> {
    if (!href || href.startsWith('#')) return;
    if (/^(?:https?|mailto):/i.test(href)) {
      await vscode.env.openExternal(vscode.Uri.parse(href, true));
      return;
    }
    if (href.startsWith('//')) {
      await vscode.env.openExternal(vscode.Uri.parse('https:' + href, true));
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return; // any other scheme: ignored
    const [pathPart] = href.split(/[?#]/);
    let decoded = pathPart;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      // keep it as written
    }
    const folder = vscode.workspace.getWorkspaceFolder(this.documentUri);
    const base = decoded.startsWith('/') && folder ? folder.uri : vscode.Uri.joinPath(this.documentUri, '..');
    const target = vscode.Uri.joinPath(base, decoded.replace(/^\/+/, ''));
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      void vscode.window.showWarningMessage(vscode.l10n.t('File not found: {0}', decoded));
      return;
    }
    await vscode.commands.executeCommand('vscode.open', target);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (PreviewPanel.current === this) PreviewPanel.current = undefined;
    clearTimeout(this.throttle);
    this.throttle = undefined;
    this.waitingForClient?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
