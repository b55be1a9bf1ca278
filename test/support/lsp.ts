// Test support: the built language server (`dist/server.js --stdio`) driven over real JSON-RPC, like an editor.
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { SERVER, tempWorkspace, type TempWorkspace } from './workspace';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Json[];
}

export interface StartOptions {
  settings?: Json;
  locale?: string;
  cwd?: string;
  /** Sent as `initializationOptions` (what the VS Code client says about itself). */
  initializationOptions?: Json;
  /** The client can register document symbols later (`client/registerCapability`), as VS Code's can. */
  dynamicRegistration?: boolean;
  /** Another build of the server (e.g. test/support/faulty/build.ts); dist/server.js by default. */
  server?: string;
  /** Node options before the server script (e.g. `--require` a test hook), and environment additions. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** Workspace folders (paths) instead of the one root folder: a multi-root workspace. */
  folders?: string[];
}

export class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: Json): void; reject(e: Error): void }>();
  private readonly diagnosticWaiters: { uri: string; version?: number; resolve(d: PublishedDiagnostics): void }[] = [];
  readonly published = new Map<string, PublishedDiagnostics>();
  /** Every publication, in the order received. */
  readonly publishLog: PublishedDiagnostics[] = [];
  readonly appliedEdits: Json[] = [];
  /** Capabilities the server registered dynamically (`client/registerCapability`), in order. */
  readonly registrations: { id: string; method: string; registerOptions?: Json }[] = [];
  /** Other notifications from the server (progress, status), in order. */
  readonly notifications: { method: string; params: Json }[] = [];
  readonly stderr: string[] = [];
  settings: Json = { benchpress: { diagnosticsDelayMs: 0 } };
  /** Settings for a `workspace/configuration` item with a scopeUri (folder settings); undefined = `settings`. */
  scopedSettings: ((scopeUri: string, section: string) => Json) | undefined;
  /** The items of every `workspace/configuration` request, in order. */
  readonly configurationItems: { scopeUri?: string; section?: string }[] = [];
  private readonly versions = new Map<string, number>();
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(rootPath: string, options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.server ?? SERVER, '--stdio'], { cwd: options.cwd ?? rootPath, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const client = new LspClient(child);
    if (options.settings) client.settings = options.settings;
    const rootUri = pathToFileURL(rootPath).href;
    client.initializeResult = await client.request('initialize', {
      processId: process.pid,
      rootUri,
      locale: options.locale ?? 'en',
      ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
      workspaceFolders: options.folders ? options.folders.map((f) => ({ uri: pathToFileURL(f).href, name: f })) : [{ uri: rootUri, name: 'root' }],
      capabilities: {
        workspace: { configuration: true, applyEdit: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
          hover: { contentFormat: ['markdown'] },
          completion: { completionItem: { snippetSupport: true } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true, ...(options.dynamicRegistration ? { dynamicRegistration: true } : {}) },
        },
        window: { workDoneProgress: true },
      },
    }, 30000);
    client.notify('initialized', {});
    return client;
  }

  initializeResult: Json;

  /** Called right after the client answered a request of the server (to act at that exact moment in a test). */
  afterAnswer?: (method: string, params: Json) => void;

  private send(message: Json): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const sep = this.buffer.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, sep).toString())?.[1]);
      if (this.buffer.length < sep + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(sep + 4, sep + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(sep + 4 + length);
      this.onMessage(message);
    }
  }

  private onMessage(m: Json): void {
    if (m.id !== undefined && m.method === undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
      else p?.resolve(m.result);
      return;
    }
    if (m.id !== undefined) {
      let result: Json = null;
      if (m.method === 'workspace/configuration') {
        this.configurationItems.push(...m.params.items);
        result = m.params.items.map((i: Json) => (i.scopeUri && this.scopedSettings?.(i.scopeUri, i.section)) ?? (i.section ? this.settings[i.section] ?? null : this.settings));
      }
      else if (m.method === 'client/registerCapability') this.registrations.push(...m.params.registrations);
      else if (m.method === 'workspace/applyEdit') {
        this.appliedEdits.push(m.params.edit);
        result = { applied: true };
      }
      this.send({ id: m.id, result });
      this.afterAnswer?.(m.method, m.params);
      return;
    }
    if (m.method !== 'textDocument/publishDiagnostics') this.notifications.push({ method: m.method, params: m.params });
    if (m.method === 'textDocument/publishDiagnostics') {
      this.published.set(m.params.uri, m.params);
      this.publishLog.push(m.params);
      for (const w of [...this.diagnosticWaiters]) {
        if (w.uri === m.params.uri && (w.version === undefined || m.params.version === w.version)) {
          this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(w), 1);
          w.resolve(m.params);
        }
      }
    }
  }

  request(method: string, params: Json, timeoutMs = 20000): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = deadline(timeoutMs, () => {
        this.pending.delete(id);
        reject(new Error(`timeout waiting for ${method}; server stderr: ${this.stderr.join('').slice(-500)}`));
      });
      this.pending.set(id, { resolve: (v) => { timer.cancel(); resolve(v); }, reject: (e) => { timer.cancel(); reject(e); } });
      this.send({ id, method, params });
    });
  }

  /** Sends a request and returns its id with the answer, so a test can cancel it (`$/cancelRequest`). */
  requestWithId(method: string, params: Json, timeoutMs = 20000): { id: number; answer: Promise<Json> } {
    const id = this.nextId;
    return { id, answer: this.request(method, params, timeoutMs) };
  }

  notify(method: string, params: Json): void {
    this.send({ method, params });
  }

  /** Waits for diagnostics of `uri` (of `version`, if given). */
  diagnostics(uri: string, version?: number, timeoutMs = 20000): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const waiter = { uri, version, resolve: (d: PublishedDiagnostics) => { timer.cancel(); resolve(d); } };
      const timer = deadline(timeoutMs, () => {
        this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(waiter), 1);
        reject(new Error(`no diagnostics for ${uri} v${version} in ${timeoutMs} ms; last: ${JSON.stringify(this.published.get(uri))?.slice(0, 300)}`));
      });
      this.diagnosticWaiters.push(waiter);
    });
  }

  /** Waits until the published diagnostics of `uri` satisfy `predicate` (later re-checks may publish first). */
  async diagnosticsMatching(uri: string, predicate: (diagnostics: Json[]) => boolean, timeoutMs = 20000): Promise<Json[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const current = this.published.get(uri)?.diagnostics;
      if (current && predicate(current)) return current;
      const left = until - Date.now();
      if (left <= 0) throw new Error(`diagnostics of ${uri} never matched; last: ${JSON.stringify(current)?.slice(0, 300)}`);
      await this.diagnostics(uri, undefined, left).catch(() => undefined);
    }
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<Json[]> {
    this.versions.set(uri, 1);
    const waiting = this.diagnostics(uri, 1);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return (await waiting).diagnostics;
  }

  /** Sends changes (full text or ranged edits) and returns the new version. */
  change(uri: string, changes: Json[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async changeAndWait(uri: string, changes: Json[]): Promise<Json[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    const waiting = this.diagnostics(uri, version);
    this.change(uri, changes);
    return (await waiting).diagnostics;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async stop(): Promise<number | null> {
    try {
      await this.request('shutdown', null, 5000);
      this.notify('exit', null);
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

export const fileUri = (p: string) => pathToFileURL(p).href;

/**
 * Calls `expire` after `ms` unless cancelled first. A timer that fires late means this process was busy (the fuzz
 * harness reading a long draft with remark): what the server sent meanwhile waits in the pipe, so the verdict waits
 * one turn of the event loop, in which that is read — an answer that came in time is not a timeout.
 */
function deadline(ms: number, expire: () => void): { cancel(): void } {
  let settled = false;
  const due = Date.now() + ms;
  const settle = () => {
    if (settled) return;
    settled = true;
    expire();
  };
  const timer = setTimeout(() => (Date.now() - due > 1000 ? setImmediate(settle) : settle()), ms);
  return {
    cancel: () => {
      settled = true;
      clearTimeout(timer);
    },
  };
}

/** Applies LSP text edits to a text (from the end, as editors do). */
export function applyTextEdits(text: string, edits: Json[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  // From the end; insertions at the same place keep their order.
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => offset(b.e.range.start) - offset(a.e.range.start) || b.i - a.i).map((x) => x.e);
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** Runs `body` with a server on a fresh temporary workspace; the server must exit cleanly afterwards. */
export async function withServer(files: Record<string, string>, body: (client: LspClient, ws: TempWorkspace) => Promise<void>, options: StartOptions = {}): Promise<void> {
  const ws = tempWorkspace(files);
  const client = await LspClient.start(ws.root, options);
  try {
    await body(client, ws);
  } finally {
    const code = await client.stop();
    ws.dispose();
    if (code !== 0) throw new Error(`the server exited with ${code}; stderr: ${client.stderr.join('').slice(-500)}`);
  }
}
