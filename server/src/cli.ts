// `node dist/cli.js` — Benchpress on the command line: the editor's checks for CI and pre-commit hooks, and the
// data commands (GPU specs, tables, nvidia-smi import, topic heat, rendering).
import { isAnalyzerWorker, runAnalyzerWorker } from './engine/worker';
import { WorkerPoolAnalyzer } from './engine/analyzer';
import { UsageError } from './base/errors';
import { lintCommand, LINT_USAGE } from './cli/lint';
import type { CliIo } from './cli/io';
import { RULES } from './rules/registry';
import { rulesMarkdown } from './cli/rules-doc';
import { smiCommand, SMI_USAGE } from './gpu/smi';
import { nodeSmiIo } from './gpu/smi/io';
import { gpusCommand, GPUS_USAGE } from './cli/gpus';
import { topicsCommand, TOPICS_USAGE } from './cli/topics';
import { pricesCommand, PRICES_USAGE } from './cli/prices';
import { expandCommand, tableCommand, TABLE_USAGE, EXPAND_USAGE } from './cli/table';
import { renderCommand, RENDER_USAGE } from './cli/render';
import { parseArgs } from './cli/args';
import { messageLocale } from './cli/locale';
import { CliUsageError, MSG, errorText, localize } from './cli/messages';
import packageJson from '../../package.json';

const VERSION: string = packageJson.version;
declare const BENCHPRESS_BUILD_ID: string | undefined;
/** The version plus the build: a cache written by another build is not trusted. */
const CACHE_VERSION = `${VERSION}+${typeof BENCHPRESS_BUILD_ID === 'string' ? BENCHPRESS_BUILD_ID : 'dev'}`;

const USAGE = `Benchpress ${VERSION} — checks technical articles about GPUs and cloud GPU platforms.

Usage:
  benchpress lint [--format text|json|sarif|github|junit] [--fail-on error|warning|info|never] [--config FILE]
                  [--fix] [--rules ID,…] [--lang en|zh-cn] [--check-urls] [PATH…]
  benchpress gpus [--json]
  benchpress table --gpus ID[,ID…] [--fields f1,f2] [--lang en|zh-cn] [--kind spec|compare|pricing|cost] [--hours N --count N]
  benchpress expand FILE [--write] [--lang en|zh-cn]
  benchpress smi [--json] [--lang en|zh-cn] [--fields F1,F2,…] FILE|-
  benchpress topics [--json] [--table FILE] [--lang en|zh-cn] PATH…
  benchpress render [--json] [--lang en|zh-cn] FILE
  benchpress prices [--json] | prices refresh [--base-url ORIGIN] [--json] [--out FILE]   (key: RUNPOD_API_KEY)
  benchpress rules [--json|--markdown]
  benchpress --version

"benchpress COMMAND --help" describes a command. Usage texts are in English; messages follow --lang or the
"language" of .benchpress/config.json.

Exit codes: 0 no errors or warnings, 1 errors or warnings found (lint: see --fail-on), 2 usage or I/O error.`;

export const RULES_USAGE = `Usage: benchpress rules [--json|--markdown]

Lists every rule: its id, default severity and what it checks.
  --json       an array of {"id", "scope", "defaultSeverity", "summary", "rationale"}
  --markdown   docs/rules.md (the rules' documentation, generated from their sources)`;

/** Each command's usage, for "benchpress COMMAND --help" (or -h). */
const USAGES: Record<string, string> = {
  lint: LINT_USAGE,
  gpus: GPUS_USAGE,
  table: TABLE_USAGE,
  expand: EXPAND_USAGE,
  smi: SMI_USAGE,
  topics: TOPICS_USAGE,
  render: RENDER_USAGE,
  prices: PRICES_USAGE,
  rules: RULES_USAGE,
};

/** `--help` or `-h` among a command's arguments (before `--`). */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

async function main(argv: string[]): Promise<number> {
  const io: CliIo = {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: !!process.stdout.isTTY,
    env: process.env,
  };
  const [command, ...rest] = argv;
  const analyzer = (timeoutMs: number) => new WorkerPoolAnalyzer({ script: __filename, timeoutMs });
  try {
    if (command !== undefined && Object.hasOwn(USAGES, command) && asksForHelp(rest)) {
      io.stdout(USAGES[command].replace(/\n*$/, '\n'));
      return 0;
    }
    switch (command) {
      case 'lint':
        return await lintCommand(rest, io, analyzer, VERSION, CACHE_VERSION);
      case 'gpus':
        return await gpusCommand(rest, io);
      case 'topics':
        return await topicsCommand(rest, io, analyzer, CACHE_VERSION);
      case 'table':
        return await tableCommand(rest, io);
      case 'expand':
        return await expandCommand(rest, io);
      case 'render':
        return await renderCommand(rest, io, analyzer, CACHE_VERSION);
      case 'prices':
        return await pricesCommand(rest, io);
      case 'smi':
        return await smiCommand(rest, nodeSmiIo());
      case 'rules':
        return rulesCommand(rest, io);
      case '--version':
      case '-v':
        io.stdout(VERSION + '\n');
        return 0;
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE + '\n');
        return 0;
      case undefined:
        io.stderr(USAGE + '\n');
        return 2;
      default:
        throw new CliUsageError(MSG.unknownCommand(command));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      const locale = messageLocale(rest, io.cwd);
      const known = command !== undefined && Object.hasOwn(USAGES, command);
      io.stderr(`benchpress: ${errorText(error, locale)}\n${localize(MSG.seeHelp(known ? command : undefined), locale)}\n`);
      return 2;
    }
    io.stderr(`benchpress: ${(error as Error)?.stack ?? String(error)}\n`);
    return 2;
  }
}

function rulesCommand(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, { values: [], switches: ['json', 'markdown', 'help'] });
  if (args.positionals.length > 0) throw new CliUsageError(MSG.unexpectedArgument(args.positionals[0]));
  if (argv.includes('--markdown')) {
    io.stdout(rulesMarkdown());
    return 0;
  }
  if (argv.includes('--json')) {
    io.stdout(JSON.stringify(RULES.map((r) => ({ id: r.id, scope: r.scope, defaultSeverity: r.defaultSeverity, summary: r.docs.summary, rationale: r.docs.rationale })), null, 2) + '\n');
    return 0;
  }
  for (const r of RULES) io.stdout(`${r.id.padEnd(40)} ${r.defaultSeverity.padEnd(8)} ${r.docs.summary}\n`);
  return 0;
}

if (isAnalyzerWorker()) {
  runAnalyzerWorker();
} else {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`benchpress: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
