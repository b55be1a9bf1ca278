// A small dependency-free LSP client for the benchmark: stdio framing, server→client requests, incremental
// `didChange`, and diagnostics waiters that record when the message arrived (stamped when its bytes were read,
// before the JSON is parsed, so client-side parsing does not count against the server).
// Derived from /work/shared/tools/lsp-probe.mjs, which only sends full-text changes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * What the extension's client adds to the server's environment and the Node options it starts the server with
 * (server/src/protocol.ts, SERVER_PROCESS_ENV and SERVER_EXEC_ARGV).
 */
export const SERVER_LAUNCH = JSON.parse(readFileSync(new URL('../server/src/server-launch.json', import.meta.url), 'utf8'));

export const fileUri = (p) => pathToFileURL(p).href;

/**
 * Starts a language server as the extension does (with the client's environment, and its Node options when argv[0]
 * is Node) and initializes it.
 */
export async function startLspServer(argv, { cwd, rootPath, settings = {}, initTimeoutMs = 60000 } = {}) {
  const nodeOptions = argv[0] === process.execPath ? SERVER_LAUNCH.execArgv : [];
  const child = spawn(argv[0], [...nodeOptions, ...argv.slice(1)], { cwd, env: { ...process.env, ...SERVER_LAUNCH.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(d.toString()));
  let buf = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  /** Waiters for publishDiagnostics: { uri, version, resolve }. */
  const diagWaiters = [];
  const lastDiagnostics = new Map();
  const logMessages = [];

  const send = (msg) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  };

  const onMessage = (m, at) => {
    if (m.id !== undefined && m.method === undefined) {
      const p = pending.get(m.id);
      if (p) {
        pending.delete(m.id);
        if (m.error) p.reject(Object.assign(new Error(m.error.message), { rpc: m.error }));
        else p.resolve(m.result);
      }
      return;
    }
    if (m.id !== undefined && m.method) {
      let result = null;
      if (m.method === 'workspace/configuration') result = (m.params.items || []).map((it) => (it.section ? settings[it.section] ?? null : settings));
      else if (m.method === 'workspace/applyEdit') result = { applied: false };
      send({ id: m.id, result });
      return;
    }
    if (m.method === 'window/logMessage' || m.method === 'window/showMessage') logMessages.push(m.params?.message);
    if (m.method === 'textDocument/publishDiagnostics') {
      lastDiagnostics.set(m.params.uri, { ...m.params, at });
      for (const w of [...diagWaiters]) {
        if (w.uri !== m.params.uri) continue;
        if (w.version !== undefined && m.params.version !== w.version) continue;
        diagWaiters.splice(diagWaiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve({ at, version: m.params.version, diagnostics: m.params.diagnostics });
      }
    }
  };

  child.stdout.on('data', (d) => {
    const at = performance.now();
    buf = buf.length ? Buffer.concat([buf, d]) : d;
    for (;;) {
      const sep = buf.indexOf('\r\n\r\n');
      if (sep < 0) break;
      const len = Number(/Content-Length: *(\d+)/i.exec(buf.subarray(0, sep).toString('ascii'))?.[1]);
      if (buf.length < sep + 4 + len) break;
      const body = buf.subarray(sep + 4, sep + 4 + len).toString('utf8');
      buf = buf.subarray(sep + 4 + len);
      onMessage(JSON.parse(body), at);
    }
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const request = (method, params, timeoutMs = 20000) => new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => { pending.delete(id); reject(new Error(`timeout waiting for ${method}`)); }, timeoutMs);
    pending.set(id, { resolve: (v) => { clearTimeout(timer); resolve(v); }, reject: (e) => { clearTimeout(timer); reject(e); } });
    send({ id, method, params });
  });
  const notify = (method, params) => send({ method, params });

  /** Resolves with { at, version, diagnostics } for the next publishDiagnostics of `uri` (with `version`, if given). */
  const waitDiagnostics = (uri, version, timeoutMs = 30000) => new Promise((resolve, reject) => {
    const w = { uri, version, resolve };
    w.timer = setTimeout(() => {
      const i = diagWaiters.indexOf(w);
      if (i >= 0) diagWaiters.splice(i, 1);
      reject(new Error(`no diagnostics for ${uri} version ${version} within ${timeoutMs} ms; server stderr: ${stderr.join('').slice(-2000)}`));
    }, timeoutMs);
    diagWaiters.push(w);
  });

  const rootUri = rootPath ? fileUri(rootPath) : null;
  const init = await request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      },
    },
  }, initTimeoutMs);
  notify('initialized', {});

  return {
    child, init, stderr, logMessages, lastDiagnostics, request, notify, waitDiagnostics,
    /** Opens a document; resolves when its first diagnostics arrive, with the time from sending. */
    async open(uri, text, timeoutMs) {
      const waiting = waitDiagnostics(uri, 1, timeoutMs);
      const sent = performance.now();
      notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const r = await waiting;
      return { ...r, ms: r.at - sent };
    },
    /** Sends one didChange with the given incremental changes; resolves when diagnostics for `version` arrive. */
    async change(uri, version, contentChanges, timeoutMs) {
      const waiting = waitDiagnostics(uri, version, timeoutMs);
      const sent = performance.now();
      notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      const r = await waiting;
      return { ...r, ms: r.at - sent };
    },
    close(uri) {
      notify('textDocument/didClose', { textDocument: { uri } });
    },
    async stop() {
      try {
        await request('shutdown', null, 5000);
        notify('exit');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      const r = await exited;
      clearTimeout(timer);
      return r;
    },
  };
}
