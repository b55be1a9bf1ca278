// `benchpress topics`: which hot topics the drafts cover, which no draft covers yet, and rotation warnings
// (two consecutive articles by front matter `date` on the same main topic).
import { parseArgs } from './args';
import { UsageError } from '../base/errors';
import { checkFile, displayPathOf, mapConcurrently, prepareRun, type CliIo } from './lint';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { buildTopicReport, formatTopicReport } from '../topics/report';

export async function topicsCommand(argv: readonly string[], io: CliIo, makeAnalyzer: (timeoutMs: number) => ChunkAnalyzer, version: string): Promise<number> {
  const args = parseArgs(argv, { values: ['table', 'lang'], switches: ['json'] });
  const lang = args.values.get('lang') ?? 'en';
  if (lang !== 'en' && lang !== 'zh-cn') throw new UsageError(`Unknown --lang "${lang}": use en or zh-cn.`);
  const run = await prepareRun(args.positionals, io, { version, topicsTable: args.values.get('table'), only: ['heat'] });
  const analyzer = makeAnalyzer(run.config.checkTimeoutMs);
  try {
    const states = await mapConcurrently(run.files, (file) => checkFile(file, { env: run.env, workspace: run.workspace, analyzer, cache: run.cache, io }));
    const drafts = states.map((s) => {
      const date = s.result?.view?.frontMatter?.data.date;
      return { path: displayPathOf(s.file, io.cwd), date: date instanceof Date || typeof date === 'string' ? date : undefined, matches: s.result?.topics ?? [] };
    });
    const report = buildTopicReport(drafts, run.env.topicRows);
    for (const file of run.settings.problems) {
      for (const p of file.problems) io.stderr(`${displayPathOf(file.path, io.cwd)}: ${p.message}\n`);
    }
    io.stdout(args.switches.has('json') ? JSON.stringify(report, null, 2) + '\n' : formatTopicReport(report, lang) + '\n');
    return 0;
  } finally {
    await analyzer.dispose();
    await run.cache.save();
  }
}
