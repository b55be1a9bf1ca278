// One fuzz case through the real server (`dist/server.js --stdio`): open, random incremental edits with requests
// in between (as an editor sends them while someone types), then every request the client makes (hover,
// completion, symbols, code lenses, quick fixes, source.fixAll.benchpress, the preview; pull diagnostics, document
// links and rename only if the server announces them), and the
// properties a writer would notice if they broke:
//   - every request answers (no error other than "content modified"/"cancelled") within REQUEST_TIMEOUT_MS;
//   - diagnostics for the final version arrive within DIAGNOSTICS_TIMEOUT_MS, with the version;
//   - the server process stays alive;
//   - the diagnostics after the incremental edits equal a fresh check of the final text (a new document, or the
//     same one closed and reopened with --reopen);
//   - every range the server returns lies inside the document; code action edits do not overlap;
//   - the preview's HTML has no script, handler or script URL.
import { LspClient, fileUri } from '../../support/lsp';
import { tempWorkspace, type TempWorkspace } from '../../support/workspace';
import { Rng } from './prng';
import { applyOffsetEdit, type OffsetEdit } from './generate';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const REQUEST_TIMEOUT_MS = 10_000;
export const DIAGNOSTICS_TIMEOUT_MS = 15_000;

export interface LspCase {
  /** File extension of the document: md or mdx. */
  ext: 'md' | 'mdx';
  initial: string;
  edits: OffsetEdit[];
  /** Seeds the requests' kinds and positions. */
  requestSeed: number;
}

export interface Failure {
  /** Stable across runs and inputs for the same defect: property and request (used to deduplicate and shrink). */
  signature: string;
  detail: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Positions as LSP counts them: UTF-16 units, lines ended by \r\n, \r or \n.

export class Lines {
  readonly starts: number[] = [0];
  /** Offset where each line's content ends (before its line break). */
  readonly ends: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 || c === 10) {
        this.ends.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
    this.ends.push(text.length);
  }

  get count(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(offset, this.ends[lo]) - this.starts[lo] };
  }

  /** Offsets inside a \r\n pair move before the \r (an editor never splits one). */
  normalize(offset: number): number {
    return offset > 0 && this.text.charCodeAt(offset - 1) === 13 && this.text.charCodeAt(offset) === 10 ? offset - 1 : offset;
  }

  contains(pos: { line: number; character: number } | undefined): boolean {
    return !!pos && Number.isInteger(pos.line) && Number.isInteger(pos.character) && pos.line >= 0 && pos.line < this.count && pos.character >= 0 && pos.character <= this.ends[pos.line] - this.starts[pos.line];
  }

  containsRange(range: Json): boolean {
    if (!range || !this.contains(range.start) || !this.contains(range.end)) return false;
    return range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  }
}

// ---------------------------------------------------------------------------------------------------------------

const IGNORED_ERROR_CODES = new Set([-32801 /* ContentModified */, -32800 /* RequestCancelled */]);

/** A server for a batch of cases, restarted if it dies (the death itself is reported as a failure). */
export class FuzzServer {
  client?: LspClient;
  ws?: TempWorkspace;
  private counter = 0;
  templates: string[] = [];
  /** The fresh check closes and reopens the document itself instead of opening a new one (a race-prone path). */
  reopen = false;

  async ensure(): Promise<LspClient> {
    if (this.client && this.alive()) return this.client;
    if (this.client) await this.client.stop().catch(() => undefined);
    this.ws ??= tempWorkspace({ 'docs/existing.md': '# Existing\n\n## 性能测试\n\ntext\n', 'images/a.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    this.client = await LspClient.start(this.ws.root);
    this.client.child.stdin!.on('error', () => undefined);
    return this.client;
  }

  /** The requests an editor would send, as far as the server announced them (pull diagnostics, links, rename). */
  requestKinds(): string[] {
    const caps = this.client?.initializeResult?.capabilities ?? {};
    const kinds = ['hover', 'completion', 'symbol', 'lens', 'action', 'fixAll', 'preview'];
    if (caps.diagnosticProvider) kinds.push('pull');
    if (caps.documentLinkProvider) kinds.push('links');
    if (caps.renameProvider) kinds.push('rename');
    if (caps.renameProvider?.prepareProvider) kinds.push('prepareRename');
    return kinds;
  }

  alive(): boolean {
    return !!this.client && this.client.child.exitCode === null && this.client.child.signalCode === null;
  }

  nextUri(ext: string): string {
    return fileUri(`${this.ws!.root}/fuzz-${++this.counter}.${ext}`);
  }

  /** The new articles of the built-in templates, as the server makes them (zh and en). */
  async newArticles(): Promise<string[]> {
    const client = await this.ensure();
    const out: string[] = [];
    const templates: { id: string }[] = await client.request('benchpress/templates', {}, REQUEST_TIMEOUT_MS);
    for (const t of templates) {
      for (const lang of ['zh-cn', 'en']) {
        const article = await client.request('benchpress/newArticle', { template: t.id, subject: 'RTX 4090', lang, date: '2026-01-01' }, REQUEST_TIMEOUT_MS);
        out.push(article.text);
      }
    }
    return out;
  }

  async dispose(): Promise<number | null> {
    const code = this.client ? await this.client.stop() : 0;
    this.ws?.dispose();
    this.client = undefined;
    this.ws = undefined;
    return code;
  }
}

const diagKey = (d: Json) => JSON.stringify([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.code, d.message]);

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/\d+/g, 'N').slice(0, 80);
}

/** Runs one case; returns its failures (empty when every property held). */
export async function checkLspCase(server: FuzzServer, c: LspCase): Promise<Failure[]> {
  const failures: Failure[] = [];
  // Lone CRs end lines for LSP (and editors); a known source of position bugs, kept apart in signatures.
  const loneCr = (t: string) => /\r(?!\n)/.test(t);
  const fail = (signature: string, detail: string) => {
    if (/^(?:bad-result|incremental-differs)/.test(signature) && (loneCr(c.initial) || c.edits.some((e) => e.text.includes('\r')))) signature += '(lone-cr)';
    if (!failures.some((f) => f.signature === signature)) failures.push({ signature, detail });
  };
  let client: LspClient;
  try {
    client = await server.ensure();
  } catch (error) {
    return [{ signature: 'server-start', detail: String((error as Error).message) }];
  }
  const rng = new Rng(c.requestSeed);
  const uri = server.nextUri(c.ext);
  let text = c.initial;
  let version = 1;
  const inFlight: Promise<void>[] = [];

  /** Sends a request; checks its answer (and ranges against the text it was sent for, when `lines` is given). */
  const ask = (method: string, params: Json, check?: (result: Json) => void): Promise<Json> => {
    const started = Date.now();
    return client.request(method, params, REQUEST_TIMEOUT_MS).then(
      (result) => {
        try {
          check?.(result);
        } catch (error) {
          const message = (error as Error).message;
          fail(`bad-result:${method}:${(error as { category?: string }).category ?? firstLine(message)}`, message);
        }
        return result;
      },
      (error: Error & { code?: number }) => {
        if (error.code !== undefined && IGNORED_ERROR_CODES.has(error.code)) return undefined;
        if (/^timeout waiting/.test(error.message)) fail(`timeout:${method}`, `${method} did not answer in ${Date.now() - started} ms (version ${version}, ${text.length} chars)`);
        else fail(`error:${method}:${firstLine(error.message)}`, `${method} answered with error ${error.code}: ${error.message}`);
        return undefined;
      },
    );
  };

  const positionIn = (lines: Lines) => lines.position(rng.int(0, lines.text.length));
  const rangesInside = (what: string, lines: Lines, ranges: Json[]) => {
    for (const r of ranges) {
      if (lines.containsRange(r)) continue;
      // A position just after the \r of a \r\n (character = line length + 1) is its own, milder defect.
      const pastCr = (p: Json) => lines.contains(p) || (p && p.line < lines.count && lines.text.charCodeAt(lines.ends[p.line]) === 13 && p.character === lines.ends[p.line] - lines.starts[p.line] + 1);
      const category = pastCr(r?.start) && pastCr(r?.end) ? 'range-past-crlf' : 'range-outside';
      throw problem(category, `${what} range outside the document: ${JSON.stringify(r)} (lines ${lines.count})`);
    }
  };

  const randomRequest = (lines: Lines, exact: boolean): Promise<Json> => {
    const textDocument = { uri };
    const kind = rng.pick(server.requestKinds());
    // Ranges are checked only against the text the answer is for (`exact`): while edits race, the server
    // answers for whatever version is current when it gets to the request.
    switch (kind) {
      case 'hover':
        return ask('textDocument/hover', { textDocument, position: positionIn(lines) }, (r) => exact && r?.range && rangesInside('hover', lines, [r.range]));
      case 'completion':
        return ask('textDocument/completion', { textDocument, position: positionIn(lines), context: { triggerKind: 1 } }, (r) => {
          const items = Array.isArray(r) ? r : r?.items ?? [];
          if (exact) rangesInside('completion', lines, items.flatMap((i: Json) => [i.textEdit?.range, i.textEdit?.insert, i.textEdit?.replace, ...(i.additionalTextEdits ?? []).map((e: Json) => e.range)].filter(Boolean)));
        });
      case 'symbol':
        return ask('textDocument/documentSymbol', { textDocument }, (r) => {
          if (!exact) return;
          const all: Json[] = [];
          const walk = (s: Json[]) => s?.forEach((x) => { all.push(x.range, x.selectionRange ?? x.location?.range); walk(x.children); });
          walk(r ?? []);
          rangesInside('documentSymbol', lines, all.filter(Boolean));
        });
      case 'lens':
        return ask('textDocument/codeLens', { textDocument }, (r) => exact && rangesInside('codeLens', lines, (r ?? []).map((l: Json) => l.range)));
      case 'action':
      case 'fixAll': {
        const a = lines.position(rng.int(0, lines.text.length));
        const b = lines.position(rng.int(0, lines.text.length));
        const [start, end] = a.line < b.line || (a.line === b.line && a.character <= b.character) ? [a, b] : [b, a];
        const diagnostics = client.published.get(uri)?.diagnostics ?? [];
        const context = kind === 'fixAll' ? { diagnostics: [], only: ['source.fixAll.benchpress'] } : { diagnostics, only: ['quickfix'] };
        return ask('textDocument/codeAction', { textDocument, range: { start, end }, context }, (r) => exact && checkActions(r, lines));
      }
      case 'pull':
        return ask('textDocument/diagnostic', { textDocument }, (r) => exact && rangesInside('pulled diagnostic', lines, (r?.items ?? []).map((d: Json) => d.range)));
      case 'links':
        return ask('textDocument/documentLink', { textDocument }, (r) => exact && rangesInside('documentLink', lines, (r ?? []).map((l: Json) => l.range)));
      case 'prepareRename':
        return ask('textDocument/prepareRename', { textDocument, position: positionIn(lines) }, (r) => exact && r && rangesInside('prepareRename', lines, [r.range ?? r].filter((x: Json) => x?.start)));
      case 'rename':
        return ask('textDocument/rename', { textDocument, position: positionIn(lines), newName: rng.pick(['新名字', 'new-name', 'x']) }, (r) => {
          if (!exact || !r) return;
          const edits = [...Object.values(r.changes ?? {}).flat(), ...(r.documentChanges ?? []).filter((c: Json) => c.textDocument?.uri === uri).flatMap((c: Json) => c.edits)] as Json[];
          rangesInside('rename', lines, edits.map((e) => e.range));
        });
      default:
        return ask('benchpress/preview', { uri, locale: rng.pick(['en', 'zh-cn']) }, (r) => {
          if (r === null) throw problem('null', 'no preview for an open document');
          checkPreview(r?.html);
        });
    }
  };

  const checkActions = (actions: Json[] | null, lines: Lines) => {
    for (const action of actions ?? []) {
      for (const change of action.edit?.documentChanges ?? []) {
        rangesInside(`codeAction "${action.title}"`, lines, change.edits.map((e: Json) => e.range));
        const sorted = [...change.edits].sort((x: Json, y: Json) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
        for (let i = 1; i < sorted.length; i++) {
          const p = sorted[i - 1].range.end;
          const s = sorted[i].range.start;
          if (p.line > s.line || (p.line === s.line && p.character > s.character)) throw problem('overlapping-edits', `codeAction "${action.title}" has overlapping edits ${JSON.stringify(sorted[i - 1].range)} and ${JSON.stringify(sorted[i].range)}`);
        }
      }
    }
  };

  try {
    // Open.
    const opened = client.diagnostics(uri, 1, DIAGNOSTICS_TIMEOUT_MS);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    // Edits, with requests in between; every few edits the client waits for the diagnostics, as a slow typist would.
    // (Diagnostics of a version that an edit replaced before its check ended are never published: only awaited
    // versions count.)
    const waitFor = () => opened.catch((e: Error) => fail('timeout:publishDiagnostics', `after open: ${e.message.slice(0, 200)}`));
    if (c.edits.length === 0 || rng.chance(0.5)) await waitFor();
    else opened.catch(() => undefined);
    for (const edit of c.edits) {
      const lines = new Lines(text);
      const start = lines.normalize(Math.min(edit.start, text.length));
      const end = Math.max(start, lines.normalize(Math.min(edit.end, text.length)));
      const range = { start: lines.position(start), end: lines.position(end) };
      text = applyOffsetEdit(text, { start, end, text: edit.text }).text;
      version++;
      if (rng.chance(0.15)) {
        const waiting = client.diagnostics(uri, version, DIAGNOSTICS_TIMEOUT_MS);
        client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: edit.text }] });
        await waiting.catch((e: Error) => fail('timeout:publishDiagnostics', `after edit to v${version}: ${e.message.slice(0, 200)}`));
      } else {
        client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: edit.text }] });
      }
      if (rng.chance(0.3)) inFlight.push(randomRequest(new Lines(text), false));
    }
    // The final version.
    const finalLines = new Lines(text);
    if (c.edits.length > 0) {
      const published = client.published.get(uri);
      if (published?.version !== version) {
        await client.diagnostics(uri, version, DIAGNOSTICS_TIMEOUT_MS).catch((e: Error) => fail('timeout:publishDiagnostics', `final v${version}: ${e.message.slice(0, 200)}`));
      }
    } else {
      await waitFor();
    }
    await Promise.all(inFlight);
    const incremental = client.published.get(uri);
    if (incremental && incremental.version === version) {
      try {
        rangesInside('diagnostic', finalLines, incremental.diagnostics.map((d: Json) => d.range));
      } catch (error) {
        fail('bad-result:publishDiagnostics:range', (error as Error).message);
      }
    }
    // Every request once more, now that the version is settled, with ranges checked.
    const settled: Promise<Json>[] = [];
    const n = rng.int(7, 12);
    for (let i = 0; i < n; i++) settled.push(randomRequest(finalLines, true));
    const textDocument = { uri };
    const whole = { start: { line: 0, character: 0 }, end: finalLines.position(text.length) };
    settled.push(ask('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: incremental?.diagnostics ?? [], only: ['quickfix'] } }, (r) => checkActions(r, finalLines)));
    settled.push(ask('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: [], only: ['source.fixAll.benchpress'] } }, (r) => checkActions(r, finalLines)));
    settled.push(ask('benchpress/preview', { uri }, (r) => {
      if (r === null) throw problem('null', 'no preview for an open document');
      checkPreview(r.html);
      if (r.version !== version) throw problem('stale-version', `preview for version ${r.version}, document is at ${version}`);
    }));
    await Promise.all(settled);

    // A fresh check of the final text must give the same diagnostics as the incremental ones: the text opened as
    // a new document beside it, or (server.reopen) this document closed and opened again, as a writer who closes
    // the tab and reopens it (this one also catches a late result of the closed document published as the new one's).
    if (incremental && incremental.version === version && c.edits.length > 0) {
      const freshUri = server.reopen ? uri : server.nextUri(c.ext);
      if (server.reopen) client.notify('textDocument/didClose', { textDocument: { uri } });
      const fresh = await client.open(freshUri, text).catch((e: Error) => {
        fail('timeout:publishDiagnostics', `fresh open: ${e.message.slice(0, 200)}`);
        return undefined;
      });
      const timedOut = (ds: Json[]) => ds.some((d) => d.code === 'guard/timeout');
      if (fresh && !timedOut(fresh) && !timedOut(incremental.diagnostics)) {
        const a = incremental.diagnostics.map(diagKey).sort();
        const b = fresh.map(diagKey).sort();
        const onlyIncremental = a.filter((x) => !b.includes(x));
        const onlyFresh = b.filter((x) => !a.includes(x));
        if (onlyIncremental.length || onlyFresh.length) {
          const codes = [...new Set([...onlyIncremental, ...onlyFresh].map((k) => JSON.parse(k)[5]))].sort().join(',');
          fail(`${server.reopen ? 'reopened' : 'incremental'}-differs:${codes}`, `only after incremental edits: ${onlyIncremental.slice(0, 5).join(' ')}\nonly in a fresh check: ${onlyFresh.slice(0, 5).join(' ')}`);
        }
      }
      if (!server.reopen) client.notify('textDocument/didClose', { textDocument: { uri: freshUri } });
    }
  } finally {
    if (server.alive()) client.notify('textDocument/didClose', { textDocument: { uri } });
  }
  if (!server.alive()) fail('server-exit', `the server exited (${client.child.exitCode ?? client.child.signalCode}); stderr: ${client.stderr.join('').slice(-800)}`);
  return failures;
}

const problem = (category: string, message: string) => Object.assign(new Error(message), { category });

/** The preview's HTML must be inert whatever the draft: no script elements, handlers or script URLs. */
export function checkPreview(html: unknown): void {
  if (typeof html !== 'string') throw problem('not-html', `preview html is ${typeof html}`);
  // Elements and attributes are looked for outside quoted attribute values (`<code class="language-<style">` is no
  // element, and `alt="<i src=x onerror=y"` no handler): the values are blanked, keeping every offset, and read
  // back from the HTML itself where a URL is checked.
  const blanked = html.replace(/="[^"]*"/g, (m) => `="${' '.repeat(m.length - 3)}"`);
  const bad = /<(?:script|iframe|object|embed|style|svg|math|base|meta|link|form|frame|template)\b/i.exec(blanked);
  if (bad) throw problem('unsafe-element', `preview has <${bad[0].slice(1)}>`);
  for (const found of blanked.matchAll(/<[a-z][^>]*>/gi)) {
    const tag = html.slice(found.index, found.index + found[0].length);
    if (/\son[a-z]+\s*=/i.test(found[0])) throw problem('event-handler', `preview has an event handler: ${tag.slice(0, 120)}`);
    for (const m of tag.matchAll(/\s(?:href|src|srcset|action|formaction|cite|longdesc|background|poster|data|xlink:href)="([^"]*)"/gi)) {
      const value = m[1].replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&').replace(/[\s\u0000-\u001f]/g, '');
      if (/^(?:javascript|vbscript|data):/i.test(value)) throw problem('script-url', `preview has a script URL: ${tag.slice(0, 120)}`);
    }
  }
}
