// `node dist/cli.js` — Benchpress on the command line: the editor's checks for CI and pre-commit hooks, and the
// data commands (GPU specs, tables, nvidia-smi import, topic heat, rendering).
// Each command's module is loaded when that command runs (the build splits them into chunks): `lint` never loads
// the network client, the preview renderer, the price client or the nvidia-smi reader, and a lint answered from
// its cache does not even load the parser (test/lazy-loading.test.ts).
import { fileURLToPath } from 'node:url';
import { UsageError } from './base/errors';
import type { CliIo } from './cli/io';
import { parseArgs } from './cli/args';
import { messageLocale } from './cli/locale';
import { CliUsageError, MSG, errorText, localize } from './cli/messages';
import type { AnalyzerFactory, ChunkAnalyzer } from './engine/analyzer';
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

/** Each command's usage, for "benchpress COMMAND --help" (or -h), from the command's own module. */
const USAGES: Record<string, () => Promise<string>> = {
  lint: async () => (await import('./cli/lint')).LINT_USAGE,
  gpus: async () => (await import('./cli/gpus')).GPUS_USAGE,
  table: async () => (await import('./cli/table')).TABLE_USAGE,
  expand: async () => (await import('./cli/table')).EXPAND_USAGE,
  smi: async () => (await import('./gpu/smi')).SMI_USAGE,
  topics: async () => (await import('./cli/topics')).TOPICS_USAGE,
  render: async () => (await import('./cli/render')).RENDER_USAGE,
  prices: async () => (await import('./cli/prices')).PRICES_USAGE,
  rules: async () => RULES_USAGE,
};

/**
 * Analysis workers run the build's worker entry (dist/cli/worker.mjs, beside this module once bundled), which
 * loads the parser and the rules and nothing of the commands.
 */
const newPool = (timeoutMs: number) => import('./engine/analyzer').then(({ WorkerPoolAnalyzer }) => new WorkerPoolAnalyzer({ script: fileURLToPath(new URL('./worker.mjs', import.meta.url)), timeoutMs }));
/** A pool started early (`makeAnalyzer.prewarm`), taken by the next analyzer made. */
let warmPool: ReturnType<typeof newPool> | undefined;

const makeAnalyzer: AnalyzerFactory = (timeoutMs) => {
  let pool: Promise<ChunkAnalyzer> | undefined;
  const get = () => {
    if (!pool) {
      const warm = warmPool;
      warmPool = undefined;
      pool = warm
        ? warm.then((p) => {
          p.timeoutMs = timeoutMs;
          return p;
        })
        : newPool(timeoutMs);
    }
    return pool;
  };
  return {
    analyze: async (jobs, context, signal) => (await get()).analyze(jobs, context, signal),
    dispose: async () => {
      if (pool) await (await pool).dispose();
    },
  };
};
// Its first worker loads the analysis while the run reads its settings and files (the budget is set when taken).
makeAnalyzer.prewarm = () => {
  warmPool ??= newPool(4000).then((p) => {
    p.warm();
    return p;
  });
};
// A run that starts itself again stops the pool it started early (the new process makes its own).
makeAnalyzer.release = async () => {
  const warm = warmPool;
  warmPool = undefined;
  if (warm) await (await warm).dispose();
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
    stdoutBytes: (b) => process.stdout.write(b),
    stderr: (t) => process.stderr.write(t),
    isTTY: !!process.stdout.isTTY,
    env: process.env,
  };
  const [command, ...rest] = argv;
  try {
    if (command !== undefined && Object.hasOwn(USAGES, command) && asksForHelp(rest)) {
      io.stdout((await USAGES[command]()).replace(/\n*$/, '\n'));
      return 0;
    }
    switch (command) {
      case 'lint':
      {
        const { relauncher, relaunchesAtOnce } = await import('./cli/relaunch');
        const relaunch = relauncher();
        if (relaunch && (await relaunchesAtOnce(rest, io.cwd))) {
          const code = await relaunch().catch(() => undefined);
          if (code !== undefined) return code;
        }
        return await (await import('./cli/lint')).lintCommand(rest, io, makeAnalyzer, VERSION, CACHE_VERSION, relaunch);
      }
      case 'gpus':
        return await (await import('./cli/gpus')).gpusCommand(rest, io);
      case 'topics':
        return await (await import('./cli/topics')).topicsCommand(rest, io, makeAnalyzer, CACHE_VERSION);
      case 'table':
        return await (await import('./cli/table')).tableCommand(rest, io);
      case 'expand':
        return await (await import('./cli/table')).expandCommand(rest, io);
      case 'render':
        return await (await import('./cli/render')).renderCommand(rest, io, makeAnalyzer, CACHE_VERSION);
      case 'prices':
        return await (await import('./cli/prices')).pricesCommand(rest, io);
      case 'smi': {
        const [{ smiCommand }, { nodeSmiIo }] = await Promise.all([import('./gpu/smi'), import('./gpu/smi/io')]);
        return await smiCommand(rest, nodeSmiIo());
      }
      case 'rules':
        return await rulesCommand(rest, io);
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

async function rulesCommand(argv: string[], io: CliIo): Promise<number> {
  const [{ RULES }, { rulesMarkdown }] = await Promise.all([import('./rules/registry'), import('./cli/rules-doc')]);
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

// A reader that stops early (`benchpress lint | head`) closes the pipe: stop quietly, with the status a program
// killed by SIGPIPE has (128 + 13), instead of an unhandled EPIPE and its stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(141);
});

main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`benchpress: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  )
  // A pool started early that no run took (nothing to check): its worker would keep the process alive.
  .then(() => warmPool?.then((p) => p.dispose()));
