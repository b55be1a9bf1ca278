// `benchpress render FILE`: the HTML body the preview panel shows for a draft, rendered and sanitised by the
// same core code (preview/render.ts), without the webview's page wrapper. The draft is checked first, as the
// editor does, so that sections the checker had to stop at their time budget are not parsed again here.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from './args';
import { UsageError } from '../base/errors';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { InProcessAnalyzer } from '../engine/in-process-analyzer';
import { checkDraftFile } from '../services/check-files';
import { decodeDraft } from '../node/drafts';
import { previewOf } from '../services/preview';
import { prepareRun } from './run';
import type { CliIo } from './io';
import { messageLocale, parseLang } from './locale';
import { errorText, localize, MSG } from './messages';
import type { Localized } from '../base/i18n';

export const RENDER_USAGE = `Usage: benchpress render [--json] [--lang en|zh-cn] FILE
  Prints the sanitised HTML body of the editor's preview for a Markdown draft.
  --json   prints {"html", "lineMap", "stats", "notices"} instead (stats: words, reading time, checklist, …)
  --lang   language of notices and footnote labels (default: the config's "language", else en)`;

export async function renderCommand(argv: readonly string[], io: CliIo, makeAnalyzer?: (timeoutMs: number) => ChunkAnalyzer, version = '0'): Promise<number> {
  const locale = messageLocale(argv, io.cwd);
  const fail = (message: Localized) => {
    io.stderr(`benchpress render: ${localize(message, locale)}\n`);
    return 2;
  };
  let args;
  try {
    args = parseArgs(argv, { values: ['lang'], switches: ['json', 'help'] });
  } catch (error) {
    if (error instanceof UsageError) return fail(`${errorText(error, locale)}\n${RENDER_USAGE}`);
    throw error;
  }
  if (args.switches.has('help')) {
    io.stdout(RENDER_USAGE + '\n');
    return 0;
  }
  const langArg = args.values.get('lang');
  const lang = langArg === undefined ? undefined : parseLang(langArg);
  if (langArg !== undefined && !lang) return fail(MSG.badChoice('lang', langArg, ['en', 'zh-cn']));
  if (args.positionals.length !== 1) {
    const what = localize(args.positionals.length === 0 ? { en: 'Give the file to render.', zh: '请给出要渲染的文件。' } : { en: 'Give one file.', zh: '只能给出一个文件。' }, locale);
    return fail(`${what}\n${RENDER_USAGE}`);
  }

  const given = args.positionals[0];
  const file = path.resolve(io.cwd, given);
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return fail({ en: `${given} is not a file.`, zh: `${given} 不是文件。` });
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? { en: `No such file: ${given}`, zh: `文件不存在：${given}` } : { en: `Cannot read ${given}: ${(error as Error).message}`, zh: `无法读取 ${given}：${(error as Error).message}` });
  }
  if (bytes.includes(0)) return fail({ en: `${given} is binary data (it contains NUL bytes), not Markdown.`, zh: `${given} 是二进制数据（含 NUL 字节），不是 Markdown。` });
  const { text, invalidUtf8Line } = decodeDraft(bytes);
  if (invalidUtf8Line !== undefined) return fail({ en: `${given} is not valid UTF-8 (from line ${invalidUtf8Line}).`, zh: `${given} 不是有效的 UTF-8（从第 ${invalidUtf8Line} 行起）。` });

  // Check it as `lint` does (settings, templates, topic table of its workspace; the time budget per section).
  const setup = await prepareRun([given], io, { version, noCache: true, lang });
  const analyzer = makeAnalyzer ? makeAnalyzer(setup.config.checkTimeoutMs) : new InProcessAnalyzer();
  let state;
  try {
    state = await checkDraftFile(file, { env: setup.env, workspace: setup.workspace, analyzer, cache: setup.cache });
  } finally {
    await analyzer.dispose();
  }
  const rendered = previewOf(text, state.result, { path: file, locale: setup.env.locale, maxBytes: setup.config.maxFileSizeKB * 1024 });
  if (args.switches.has('json')) {
    io.stdout(JSON.stringify({ file: given, uri: pathToFileURL(file).href, html: rendered.html, lineMap: rendered.lineMap, stats: rendered.stats ?? null, notices: rendered.notices ?? [] }, null, 2) + '\n');
  } else {
    io.stdout(rendered.html.endsWith('\n') ? rendered.html : rendered.html + '\n');
  }
  return 0;
}
