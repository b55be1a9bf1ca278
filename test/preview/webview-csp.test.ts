// The preview's webview page (client/src/preview/panel.ts) has a strict Content-Security-Policy: scripts only
// with a fresh nonce, no 'unsafe-inline' or 'unsafe-eval', nothing loaded by default, images only from the
// extension, https and data:. panel.ts needs the `vscode` module, so this test gives it a small stand-in that
// records the HTML the panel sets; the real webview is covered by the e2e suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import path from 'node:path';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const panels: { html: string; options: Json }[] = [];

/** A permissive stand-in: known parts of the API behave, anything else is a harmless function or object. */
function fakeVscode(): Json {
  const disposable = { dispose() {} };
  const event = () => disposable;
  class Uri {
    constructor(readonly scheme: string, readonly path: string) {}
    static file(p: string) { return new Uri('file', p); }
    static parse(s: string) { return new Uri(s.split(':')[0], s.replace(/^[a-z]+:\/\//, '')); }
    static joinPath(base: Uri, ...parts: string[]) { return new Uri(base.scheme, path.posix.join(base.path, ...parts)); }
    get fsPath() { return this.path; }
    toString() { return `${this.scheme}://${this.path}`; }
  }
  const api: Json = {
    Uri,
    ViewColumn: { Beside: -2, One: 1 },
    env: { language: 'en' },
    l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_m, i) => String(args[Number(i)])) },
    window: {
      activeTextEditor: undefined,
      createWebviewPanel: (_type: string, _title: string, _column: Json, options: Json) => {
        const record = { html: '', options };
        panels.push(record);
        return {
          webview: {
            options,
            cspSource: 'https://webview.example',
            asWebviewUri: (u: Uri) => `https://webview.example${u.path}`,
            set html(v: string) { record.html = v; },
            get html() { return record.html; },
            onDidReceiveMessage: event,
            postMessage: async () => true,
          },
          onDidDispose: event,
          reveal() {},
          dispose() {},
          title: '',
        };
      },
      onDidChangeActiveTextEditor: event,
      onDidChangeTextEditorVisibleRanges: event,
      showInformationMessage: async () => undefined,
      registerWebviewPanelSerializer: () => disposable,
    },
    workspace: { onDidChangeTextDocument: event, getWorkspaceFolder: () => undefined, getConfiguration: () => ({ get: () => undefined }) },
    Disposable: class { constructor(readonly fn: () => void) {} dispose() { this.fn?.(); } static from() { return disposable; } },
    EventEmitter: class { event = event; fire() {} dispose() {} },
  };
  const anything: Json = new Proxy(function () {}, { get: (_t, p) => (p === Symbol.toPrimitive ? () => '' : anything), construct: () => anything, apply: () => anything });
  return new Proxy(api, { get: (t, p) => (p in t ? t[p as string] : anything) });
}

const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const originalLoad = loader._load;
const vscodeStub = fakeVscode();
loader._load = function (request: string, parent: unknown, isMain: boolean) {
  return request === 'vscode' ? vscodeStub : originalLoad.call(this, request, parent, isMain);
};

test('the preview page: CSP with a nonce on its only script, no unsafe-inline or unsafe-eval, no inline code', async () => {
  const { PreviewPanel } = await import('../../client/src/preview/panel');
  const document = { uri: vscodeStub.Uri.file('/ws/draft.md'), fileName: '/ws/draft.md', languageId: 'markdown', isUntitled: false, version: 1, getText: () => '# T\n' };
  const context = { extensionUri: vscodeStub.Uri.file('/ext'), subscriptions: [] };
  const pages: string[] = [];
  for (let i = 0; i < 2; i++) {
    panels.length = 0;
    const shown = PreviewPanel.show(context as Json, (() => undefined) as Json, { document } as Json);
    assert.ok(shown, 'the panel opens for a Markdown document');
    pages.push(panels[0].html);
    assert.equal(panels[0].options.enableForms, false);
    assert.equal(panels[0].options.enableCommandUris, false);
    shown!.dispose();
  }
  for (const html of pages) {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(meta, `no CSP meta in ${html}`);
    const directives = new Map(meta[1].split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    const scriptSrc = directives.get('script-src') ?? [];
    assert.equal(scriptSrc.length, 1, `script-src: ${scriptSrc}`);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0])?.[1];
    assert.ok(nonce, `script-src has no nonce: ${scriptSrc}`);
    assert.doesNotMatch(meta[1], /unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|\*/);
    assert.deepEqual(directives.get('style-src'), ['https://webview.example'], 'styles only from the extension');
    assert.deepEqual(directives.get('img-src'), ['https://webview.example', 'https:', 'data:']);
    // Every script carries the nonce and loads from the extension; no inline script, handler or style.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], new RegExp(`nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`));
    assert.match(scripts[0][1], /src="https:\/\/webview\.example\/ext\/media\/preview\.js"/);
    assert.equal(scripts[0][2].trim(), '');
    assert.doesNotMatch(html, /\son[a-z]+=|<style|style="/i);
  }
  const nonces = pages.map((html) => /'nonce-([^']+)'/.exec(html)![1]);
  assert.notEqual(nonces[0], nonces[1], 'a fresh nonce for each page');
});
