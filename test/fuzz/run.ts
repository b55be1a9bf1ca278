// `npm run fuzz [-- --count N] [--seed S] [--skip K] [--minutes M] [--lanes L] [--cli-batch B] [--no-cli] [--no-save] [--shrink-seconds S] [--reopen] [--case SEED]`
// (--skip K: start at document K of the seed's sequence, continuing a run that stopped after K documents, so that
// the two runs together check documents 0 to N-1; --reopen: the fresh check of each document closes and reopens it instead of opening a copy; --lanes: servers side
// by side, 2 by default; --cli-batch: documents per CLI process, 100 by default.)
// Generates documents, sends them through the built server and CLI, and prints docs/min and every distinct
// failure with its seed; new failures are shrunk and saved under test/fuzz/regressions/.
import { runFuzz, replayCase } from './lib/engine';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
const flag = (name: string) => process.argv.includes(`--${name}`);

async function main(): Promise<number> {
  const single = arg('case');
  if (single !== undefined) {
    const { lsp, cli } = await replayCase(Number(single));
    for (const f of [...lsp, ...cli]) console.log(`${f.signature}\n  ${f.detail}`);
    console.log(lsp.length + cli.length === 0 ? 'case passes' : `${lsp.length + cli.length} failures`);
    return lsp.length + cli.length === 0 ? 0 : 1;
  }
  const seed = arg('seed') !== undefined ? Number(arg('seed')) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
  const count = Number(arg('count') ?? 200);
  const skip = Number(arg('skip') ?? 0);
  const minutes = arg('minutes') !== undefined ? Number(arg('minutes')) : undefined;
  console.log(`fuzz: seed ${seed}, documents ${skip} to ${count - 1}${minutes ? `, at most ${minutes} min` : ''} (replay: npm run fuzz -- --seed ${seed} --count ${count}${skip ? ` --skip ${skip}` : ''})`);
  const report = await runFuzz({
    seed,
    count,
    skip,
    timeLimitMs: minutes !== undefined ? minutes * 60_000 : undefined,
    cli: !flag('no-cli'),
    lanes: Number(arg('lanes') ?? 2),
    cliBatch: Number(arg('cli-batch') ?? 100),
    reopen: flag('reopen'),
    save: !flag('no-save'),
    shrinkMs: arg('shrink-seconds') !== undefined ? Number(arg('shrink-seconds')) * 1000 : undefined,
    log: (line) => console.log(line),
  });
  const perMin = (report.documents / Math.max(1, report.ms - report.shrinkMs)) * 60_000;
  console.log(`\nfuzz: ${report.documents} documents in ${(report.ms / 1000).toFixed(0)} s (${((report.documents / Math.max(1, report.ms)) * 60_000).toFixed(0)} documents/min), of which ${(report.shrinkMs / 1000).toFixed(0)} s shrinking (${perMin.toFixed(0)} documents/min without it), seed ${seed}`);
  const cpu = process.cpuUsage();
  console.log(`fuzz: the harness process itself used ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s of CPU (servers and CLI processes apart)`);
  const fresh = report.failures.filter((f) => !f.known);
  for (const f of report.failures) {
    console.log(`${f.known ? 'known' : 'NEW  '} [${f.kind}] ${f.signature} ×${f.count} (first: document #${f.index}, case seed ${f.caseSeed}${f.fixture ? `, fixture ${f.fixture}` : ''}${f.seeds.length > 1 ? `; case seeds ${f.seeds.join(', ')}${f.count > f.seeds.length ? ', …' : ''}` : ''})`);
  }
  console.log(`${report.failures.length - fresh.length} known, ${fresh.length} new distinct failures`);
  return fresh.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(2);
});
