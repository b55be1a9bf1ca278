// `node dist/cli.js` — Benchpress on the command line: the editor's checks for CI and pre-commit hooks, and the
// data commands (GPU specs, tables, nvidia-smi import, topic heat, rendering).
import { isAnalyzerWorker, runAnalyzerWorker } from './engine/worker';
import { WorkerPoolAnalyzer } from './engine/analyzer';
import { UsageError } from './base/errors';
import { lintCommand, LINT_USAGE } from './cli/lint';
import type { CliIo } from './cli/io';
import { RULES } from './rules/registry';
import { rulesMarkdown } from './cli/rules-doc';
import { smiCommand } from './gpu/smi';
import { nodeSmiIo } from './gpu/smi/io';
import { gpusCommand } from './cli/gpus';
import { topicsCommand } from './cli/topics';
import { pricesCommand } from './cli/prices';
import { expandCommand, tableCommand } from './cli/table';
import { renderCommand } from './cli/render';
import packageJson from '../../package.json';

const VERSION: string = packageJson.version;
declare const BENCHPRESS_BUILD_ID: string | undefined;
/** The version plus the build: a cache written by another build is not trusted. */
const CACHE_VERSION = `${VERSION}+${typeof BENCHPRESS_BUILD_ID === 'string' ? BENCHPRESS_BUILD_ID : 'dev'}`;

const USAGE = `Benchpress ${VERSION} — checks technical articles about GPUs and cloud GPU platforms.

Usage:
  benchpress lint [--format text|json|sarif] [--config FILE] [--fix] [--rules ID,…] [--check-urls] PATH…
  benchpress gpus [--json]
  benchpress table --gpus ID[,ID…] [--fields f1,f2] [--lang en|zh-cn] [--kind spec|compare|pricing|cost] [--hours N --count N]
  benchpress expand FILE [--write] [--lang en|zh-cn]
  benchpress smi [--json] [--lang en|zh-cn] [--fields F1,F2,…] FILE|-
  benchpress topics [--json] [--table FILE] [--lang en|zh-cn] PATH…
  benchpress render [--json] [--lang en|zh-cn] FILE
  benchpress prices [--json] | prices refresh [--base-url ORIGIN] [--json] [--out FILE]   (key: RUNPOD_API_KEY)
  benchpress rules [--json|--markdown]

Exit codes: 0 no errors or warnings, 1 errors or warnings found, 2 usage or I/O error.`;

async function main(argv: string[]): Promise<number> {
  const io: CliIo = {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: !!process.stdout.isTTY,
    env: process.env,
  };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return await lintCommand(rest, io, (timeoutMs) => new WorkerPoolAnalyzer({ script: __filename, timeoutMs }), VERSION, CACHE_VERSION);
      case 'gpus':
        return await gpusCommand(rest, io);
      case 'topics':
        return await topicsCommand(rest, io, (timeoutMs) => new WorkerPoolAnalyzer({ script: __filename, timeoutMs }), CACHE_VERSION);
      case 'table':
        return await tableCommand(rest, io);
      case 'expand':
        return await expandCommand(rest, io);
      case 'render':
        return await renderCommand(rest, io, (timeoutMs) => new WorkerPoolAnalyzer({ script: __filename, timeoutMs }), CACHE_VERSION);
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
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`benchpress: ${error.message}\n${command === 'lint' ? LINT_USAGE : 'Run "benchpress --help" for usage.'}\n`);
      return 2;
    }
    io.stderr(`benchpress: ${(error as Error)?.stack ?? String(error)}\n`);
    return 2;
  }
}

function rulesCommand(argv: string[], io: CliIo): number {
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
