// The `smi` subcommand of the CLI, over an injected io so it runs the same in tests and in dist/cli.js:
//
//   benchpress smi [--json] [--lang en|zh-cn] [--fields F1,F2,...] FILE|-
//
// Prints the Markdown table (or, with --json, the records) on stdout and returns 0. On any problem —
// usage, unreadable file, input that is not nvidia-smi output, cut off or malformed — it writes one
// message to stderr (with the line where there is one) and returns 2, having written nothing to stdout.
//
// --fields has one meaning: "these are the fields". For CSV printed with `noheader` they name the columns
// (the `--query-gpu` list, in order) and so also become the table's columns; for CSV with a header and for
// XML they choose the table's columns. --json always prints whole records.

import type { Locale } from '../../base/i18n';
import { MAX_INPUT_CHARS } from './fields';
import { parseSmi } from './parse';
import { smiTable } from './table';

export interface SmiIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  stdout(s: string): void;
  stderr(s: string): void;
  /** The import date for the source note (`YYYY-MM-DD`); default today (UTC). */
  today?: string;
}

export const SMI_USAGE = `usage: benchpress smi [--json] [--lang en|zh-cn] [--fields F1,F2,...] FILE|-

Reads what nvidia-smi printed and prints a Markdown table (or JSON records with --json):
  nvidia-smi -q -x > gpus.xml
  nvidia-smi --query-gpu=index,name,memory.total,driver_version,power.limit --format=csv > gpus.csv
FILE "-" reads standard input.

  --json            one JSON record per GPU instead of the table
  --lang en|zh-cn   language of the table header and source note (default en)
  --fields LIST     comma-separated fields: the --query-gpu list for CSV printed with noheader,
                    otherwise the table's columns (query names like memory.total or keys like memoryTotalMiB)
`;

interface Parsed {
  json: boolean;
  lang: Locale;
  fields?: string[];
  file: string;
}

function parseArgs(args: readonly string[]): Parsed | { help: true } | { error: string } {
  let json = false;
  let lang: Locale = 'en';
  let fields: string[] | undefined;
  const files: string[] = [];
  let onlyFiles = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (onlyFiles || a === '-' || !a.startsWith('-')) {
      files.push(a);
      continue;
    }
    if (a === '--') {
      onlyFiles = true;
      continue;
    }
    if (a === '-h' || a === '--help') return { help: true };
    if (a === '--json') {
      json = true;
      continue;
    }
    const eq = a.indexOf('=');
    const flag = eq >= 0 ? a.slice(0, eq) : a;
    if (flag === '--lang' || flag === '--fields') {
      let value: string | undefined;
      if (eq >= 0) value = a.slice(eq + 1);
      else if (i + 1 < args.length) value = args[++i];
      if (value === undefined || value === '') return { error: `${flag} needs a value` };
      if (flag === '--lang') {
        const l = value.toLowerCase();
        if (l !== 'en' && l !== 'zh-cn') return { error: `--lang must be en or zh-cn, not "${value}"` };
        lang = l;
      } else {
        const list = value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (list.length === 0) return { error: '--fields needs at least one field name' };
        fields = list;
      }
      continue;
    }
    return { error: `unknown option ${a}` };
  }
  if (files.length === 0) return { error: 'missing input: give a FILE, or - for standard input' };
  if (files.length > 1) return { error: `one input at a time, got ${files.length}: ${files.join(' ')}` };
  return { json, lang, ...(fields ? { fields } : {}), file: files[0] };
}

function describeReadError(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown };
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
  }
  return typeof err?.message === 'string' ? err.message : String(e);
}

/** Runs `smi` with the arguments after the subcommand name. Returns the exit code: 0, or 2 on any error. */
export async function smiCommand(args: string[], io: SmiIo): Promise<number> {
  const fail = (msg: string): number => {
    io.stderr(`benchpress smi: ${msg}\n`);
    return 2;
  };
  const p = parseArgs(args);
  if ('help' in p) {
    io.stdout(SMI_USAGE);
    return 0;
  }
  if ('error' in p) {
    io.stderr(`benchpress smi: ${p.error}\n${SMI_USAGE}`);
    return 2;
  }

  const source = p.file === '-' ? '<stdin>' : p.file;
  let text: string;
  try {
    text = p.file === '-' ? await io.readStdin() : await io.readFile(p.file);
  } catch (e) {
    return fail(`cannot read ${source}: ${describeReadError(e)}`);
  }
  if (typeof text !== 'string') return fail(`cannot read ${source}: not text`);
  if (text.length > MAX_INPUT_CHARS) {
    return fail(`${source}: the input is too large (${text.length} characters, limit ${MAX_INPUT_CHARS}); nvidia-smi output is much smaller`);
  }

  const result = parseSmi(text, p.fields ? { fields: p.fields } : {});
  if (!result.ok) return fail(`${source}${result.line !== undefined ? `:${result.line}` : ''}: ${result.error}`);

  let out: string;
  if (p.json) {
    out = JSON.stringify(result.gpus, null, 2) + '\n';
  } else {
    try {
      out = smiTable(result.gpus, { lang: p.lang, ...(p.fields ? { fields: p.fields } : {}), ...(io.today ? { date: io.today } : {}) });
    } catch (e) {
      if (e instanceof RangeError) return fail(e.message);
      throw e;
    }
  }
  io.stdout(out);
  return 0;
}
