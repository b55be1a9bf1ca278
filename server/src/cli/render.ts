// `benchpress render FILE`: the HTML body the preview panel shows for a draft, rendered and sanitised by the
// same core code (preview/render.ts), without the webview's page wrapper. The draft is checked first, as the
// editor does, so that sections the checker had to stop at their time budget are not parsed again here.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from './args';
import { UsageError } from '../base/errors';
import { checkFile, prepareRun, type CliIo } from './lint';
import { InProcessAnalyzer, type ChunkAnalyzer } from '../engine/analyzer';
import { flavorOf } from '../markdown/parse';
import { guardedLinesOf, renderHtml } from '../preview/render';
import { draftStats } from '../preview/stats';

export const RENDER_USAGE = `Usage: benchpress render [--json] [--lang en|zh-cn] FILE
  Prints the sanitised HTML body of the editor's preview for a Markdown draft.
  --json   prints {"html", "lineMap", "stats", "notices"} instead (stats: words, reading time, checklist, …)
  --lang   language of notices and footnote labels (default en)`;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function renderCommand(argv: readonly string[], io: CliIo, makeAnalyzer?: (timeoutMs: number) => ChunkAnalyzer, version = '0'): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`benchpress render: ${message}\n`);
    return 2;
  };
  let args;
  try {
    args = parseArgs(argv, { values: ['lang'], switches: ['json', 'help'] });
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\n${RENDER_USAGE}`);
    throw error;
  }
  if (args.switches.has('help')) {
    io.stdout(RENDER_USAGE + '\n');
    return 0;
  }
  const lang = args.values.get('lang') ?? 'en';
  if (lang !== 'en' && lang !== 'zh-cn') return fail(`Unknown --lang "${lang}": use en or zh-cn.`);
  if (args.positionals.length !== 1) return fail(`${args.positionals.length === 0 ? 'Give the file to render.' : 'Give one file.'}\n${RENDER_USAGE}`);

  const given = args.positionals[0];
  const file = path.resolve(io.cwd, given);
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return fail(`${given} is not a file.`);
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? `No such file: ${given}` : `Cannot read ${given}: ${(error as Error).message}`);
  }
  if (bytes.includes(0)) return fail(`${given} is binary data (it contains NUL bytes), not Markdown.`);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    return fail(`${given} is not valid UTF-8 (from line ${at === -1 ? 1 : lenient.slice(0, at).split('\n').length}).`);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);

  // Check it as `lint` does (settings, templates, topic table of its workspace; the time budget per section).
  const run = await prepareRun([given], io, { version, noCache: true });
  const analyzer = makeAnalyzer ? makeAnalyzer(run.config.checkTimeoutMs) : new InProcessAnalyzer();
  let state;
  try {
    state = await checkFile(file, { env: run.env, workspace: run.workspace, analyzer, cache: run.cache, io });
  } finally {
    await analyzer.dispose();
  }
  const result = state.result;
  const rendered = renderHtml(text, {
    flavor: flavorOf(file),
    locale: lang,
    guardedLines: guardedLinesOf(result),
    maxBytes: run.config.maxFileSizeKB * 1024,
  });
  if (args.switches.has('json')) {
    const stats = result?.view ? draftStats(result.view, result) : undefined;
    io.stdout(JSON.stringify({ file: given, uri: pathToFileURL(file).href, html: rendered.html, lineMap: rendered.lineMap, stats: stats ?? null, notices: rendered.notices ?? [] }, null, 2) + '\n');
  } else {
    io.stdout(rendered.html.endsWith('\n') ? rendered.html : rendered.html + '\n');
  }
  return 0;
}
