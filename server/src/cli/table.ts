// `benchpress table`: the Markdown data tables the editor commands insert (spec, comparison, pricing, cost), with
// their source note and refresh marker; and `benchpress expand`: spec tokens `{{gpu:ID.FIELD}}` → values.
import type { Locale } from '../base/i18n';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from './args';
import { UsageError } from '../base/errors';
import { CliUsageError, errorText, localize, MSG } from './messages';
import { messageLocale, parseLang as parseLangValue } from './locale';
import type { Localized } from '../base/i18n';
import type { CliIo } from './io';
import { findWorkspaceRoot } from '../node/workspace-root';
import { loadGpuDatabase } from '../node/data-files';
import type { FileProblems } from '../node/workspace-files';
import { LineIndex } from '../base/text';
import { writeFileAtomic } from '../base/files';
import { buildTable, TABLE_KINDS, type TableKind, type TableResult } from '../gpu/tables';
import { draftLanguageOf } from '../services/tables';
import { expandTokens } from '../gpu/tokens';
import type { GpuDatabase } from '../gpu/database';

export const TABLE_USAGE = `Usage: benchpress table --gpus ID[,ID…] [--fields F1,F2,…] [--lang en|zh-cn]
       benchpress table --kind pricing --gpus ID[,ID…] [--providers P1,…] [--tiers T1,…] [--lang en|zh-cn]
       benchpress table --kind cost --gpus ID --hours N [--count N] [--providers P1,…] [--lang en|zh-cn]

  --gpus       GPU ids (or names/aliases), comma-separated: h100-sxm,rtx-4090 ("benchpress gpus" lists them)
  --kind       spec (one GPU), compare (several), pricing or cost; default spec or compare by the number of GPUs
  --fields     rows of a spec/comparison table: memoryGB,memoryBandwidthGBps,tdpW,… (default: every figure the data has)
  --lang       language of the table, its source note and messages (default: the config's "language", else en)
  --hours, --count   cost estimate: hours of use and number of GPUs (default 1)
  --providers, --tiers   pricing and cost: only these providers (runpod) and tiers (secure, community, …)

Prints the block the editor inserts: refresh marker, table, source note. Exit 2 on unknown ids or fields.`;

export const EXPAND_USAGE = `Usage: benchpress expand FILE [--write] [--lang en|zh-cn]

Replaces spec tokens such as {{gpu:h100-sxm.memoryGB}} with their values ("80 GB") and prints the result, or
with --write saves it in place. Tokens in code are left alone. --lang defaults to the draft's language.
Exit 1 (nothing printed or written) when a token names an unknown GPU or field or a figure the data lacks.`;

function fail(io: CliIo, message: string, usage?: string): number {
  io.stderr(`benchpress: ${message}\n${usage ? `${usage}\n` : ''}`);
  return 2;
}

const usage = (text: Localized) => new CliUsageError(text);

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));

function parseLang(value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  const lang = parseLangValue(value);
  if (!lang) throw usage(MSG.badChoice('lang', value, ['en', 'zh-cn']));
  return lang;
}

/** Problems in `.benchpress/gpus.json` / `prices.json`, as warnings on stderr (the command still runs). */
function reportDataProblems(io: CliIo, files: readonly FileProblems[], locale: Locale): void {
  for (const file of files) {
    const lines = new LineIndex(file.text ?? '');
    for (const p of file.problems) {
      const pos = lines.positionAt(p.start);
      io.stderr(`${path.relative(io.cwd, file.path) || file.path}:${pos.line + 1}:${pos.character + 1}: ${p.severity}: ${localize(p.message, locale)}\n`);
    }
  }
}

async function workspaceDatabase(io: CliIo, start: string, locale: Locale): Promise<GpuDatabase> {
  const { db, problems } = await loadGpuDatabase(findWorkspaceRoot(start));
  reportDataProblems(io, problems, locale);
  return db;
}

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw usage({ en: `--${name} must be a positive number, not "${value}".`, zh: `--${name} 应为正数，而不是 “${value}”。` });
  return n;
}

export async function tableCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const locale = messageLocale(argv, io.cwd);
  let args;
  try {
    args = parseArgs(argv, { values: ['gpus', 'fields', 'lang', 'kind', 'hours', 'count', 'providers', 'tiers'], switches: ['help'] });
  } catch (error) {
    if (error instanceof UsageError) return fail(io, errorText(error, locale), TABLE_USAGE);
    throw error;
  }
  if (args.switches.has('help')) {
    io.stdout(TABLE_USAGE + '\n');
    return 0;
  }
  let result: TableResult;
  try {
    if (args.positionals.length > 0) throw usage({ en: `Unexpected argument "${args.positionals[0]}" (give GPUs with --gpus).`, zh: `多余的参数 “${args.positionals[0]}”（用 --gpus 给出 GPU）。` });
    const gpus = list(args.values.get('gpus')) ?? [];
    if (gpus.length === 0) throw usage({ en: 'Give the GPUs with --gpus ID[,ID…] (e.g. --gpus h100-sxm,h200-sxm).', zh: '请用 --gpus ID[,ID…] 给出 GPU（例如 --gpus h100-sxm,h200-sxm）。' });
    const lang = parseLang(args.values.get('lang')) ?? locale;
    const hours = positiveNumber('hours', args.values.get('hours'));
    const count = positiveNumber('count', args.values.get('count'));
    const kindArg = args.values.get('kind');
    if (kindArg !== undefined && !(TABLE_KINDS as readonly string[]).includes(kindArg)) throw usage(MSG.badChoice('kind', kindArg, TABLE_KINDS));
    const kind: TableKind = (kindArg as TableKind | undefined) ?? (hours !== undefined ? 'cost' : gpus.length === 1 ? 'spec' : 'compare');
    const fields = list(args.values.get('fields'));
    const providers = list(args.values.get('providers'));
    const tiers = list(args.values.get('tiers'));
    if (fields && (kind === 'pricing' || kind === 'cost')) throw usage({ en: `--fields applies to spec and compare tables, not ${kind}.`, zh: `--fields 只用于 spec 和 compare 表格，不用于 ${kind}。` });
    if ((providers || tiers) && (kind === 'spec' || kind === 'compare')) throw usage({ en: `--providers and --tiers apply to pricing and cost tables, not ${kind}.`, zh: `--providers 和 --tiers 只用于 pricing 和 cost 表格，不用于 ${kind}。` });
    if ((hours !== undefined || count !== undefined) && kind !== 'cost') throw usage({ en: '--hours and --count apply to --kind cost.', zh: '--hours 和 --count 只用于 --kind cost。' });
    if (kind === 'spec' && gpus.length !== 1) throw usage({ en: `A spec table is for one GPU; for ${gpus.length} use --kind compare (the default for several).`, zh: `规格表只针对一款 GPU；${gpus.length} 款请用 --kind compare（多款时的默认值）。` });
    if (kind === 'cost' && gpus.length !== 1) throw usage({ en: 'A cost estimate is for one GPU (use --count for several of it).', zh: '成本估算只针对一款 GPU（多张同款请用 --count）。' });
    if (kind === 'cost' && hours === undefined) throw usage({ en: 'A cost estimate needs --hours N.', zh: '成本估算需要 --hours N。' });
    if (count !== undefined && !Number.isInteger(count)) throw usage({ en: `--count must be a whole number, not "${args.values.get('count')}".`, zh: `--count 应为整数，而不是 “${args.values.get('count')}”。` });
    const db = await workspaceDatabase(io, io.cwd, locale);
    result = buildTable(db, { kind, gpus, hours, count }, { lang, fields, providers, tiers });
  } catch (error) {
    if (error instanceof UsageError) return fail(io, errorText(error, locale), TABLE_USAGE);
    throw error;
  }
  if (!result.ok) return fail(io, result.error);
  io.stdout(result.text);
  return 0;
}

export async function expandCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const locale = messageLocale(argv, io.cwd);
  const say = (text: Localized) => localize(text, locale);
  let args;
  let lang: Locale | undefined;
  try {
    args = parseArgs(argv, { values: ['lang'], switches: ['write', 'help'] });
    if (args.switches.has('help')) {
      io.stdout(EXPAND_USAGE + '\n');
      return 0;
    }
    if (args.positionals.length !== 1) throw usage(args.positionals.length === 0 ? { en: 'Give the draft to expand: benchpress expand FILE.', zh: '请给出要展开的稿件：benchpress expand FILE。' } : { en: 'Give one file to expand.', zh: '只能给出一个要展开的文件。' });
    lang = parseLang(args.values.get('lang'));
  } catch (error) {
    if (error instanceof UsageError) return fail(io, errorText(error, locale), EXPAND_USAGE);
    throw error;
  }
  const given = args.positionals[0];
  const file = path.resolve(io.cwd, given);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const enoent = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return fail(io, say({ en: `Cannot read ${given}: ${enoent ? 'no such file' : (error as Error).message}`, zh: `无法读取 ${given}：${enoent ? '文件不存在' : (error as Error).message}` }));
  }
  const db = await workspaceDatabase(io, file, locale);
  const result = expandTokens(text, db, lang ?? draftLanguageOf(text));
  if (result.errors.length > 0) {
    const lines = new LineIndex(text);
    for (const e of result.errors) {
      const pos = lines.positionAt(e.start);
      io.stderr(`${given}:${pos.line + 1}:${pos.character + 1}: ${e.token}: ${e.message}\n`);
    }
    const n = result.errors.length;
    const write = args.switches.has('write');
    io.stderr(`benchpress: ${say({ en: `${n} token${n === 1 ? '' : 's'} cannot be expanded; nothing was ${write ? 'written' : 'printed'}.`, zh: `${n} 个标记无法展开；${write ? '没有写入任何内容' : '没有输出任何内容'}。` })}\n`);
    return 1;
  }
  if (!args.switches.has('write')) {
    io.stdout(result.text);
    return 0;
  }
  if (result.expanded === 0) {
    io.stderr(`${given}: ${say({ en: 'no spec tokens to expand.', zh: '没有要展开的规格标记。' })}\n`);
    return 0;
  }
  try {
    await writeFileAtomic(file, result.text);
  } catch (error) {
    return fail(io, say({ en: `Cannot write ${given}: ${(error as Error).message}`, zh: `无法写入 ${given}：${(error as Error).message}` }));
  }
  io.stderr(`${given}: ${say({ en: `expanded ${result.expanded} token${result.expanded === 1 ? '' : 's'}.`, zh: `已展开 ${result.expanded} 个标记。` })}\n`);
  return 0;
}
