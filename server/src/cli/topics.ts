// `benchpress topics`: which hot topics the drafts cover, which no draft covers yet, and rotation warnings
// (two consecutive articles by front matter `date` on the same main topic).
import { parseArgs } from './args';
import { UsageError } from '../base/errors';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { displayPath } from '../node/files';
import { formatTopicReport } from '../topics/report';
import { checkDraftFile, mapConcurrently } from '../services/check-files';
import { topicReportOf } from '../services/topic-report';
import { prepareRun } from './run';
import type { CliIo } from './io';

export async function topicsCommand(argv: readonly string[], io: CliIo, makeAnalyzer: (timeoutMs: number) => ChunkAnalyzer, version: string): Promise<number> {
  const args = parseArgs(argv, { values: ['table', 'lang'], switches: ['json'] });
  const lang = args.values.get('lang') ?? 'en';
  if (lang !== 'en' && lang !== 'zh-cn') throw new UsageError(`Unknown --lang "${lang}": use en or zh-cn.`);
  const setup = await prepareRun(args.positionals, io, { version, topicsTable: args.values.get('table'), only: ['heat'] });
  const run = { env: setup.env, workspace: setup.workspace, analyzer: makeAnalyzer(setup.config.checkTimeoutMs), cache: setup.cache };
  try {
    const states = await mapConcurrently(setup.files, (file) => checkDraftFile(file, run));
    const report = topicReportOf(states.map((s) => ({ path: displayPath(s.file, io.cwd), result: s.result })), setup.env);
    for (const file of setup.settings.problems) {
      for (const p of file.problems) io.stderr(`${displayPath(file.path, io.cwd)}: ${p.message}\n`);
    }
    io.stdout(args.switches.has('json') ? JSON.stringify(report, null, 2) + '\n' : formatTopicReport(report, lang) + '\n');
    return 0;
  } finally {
    await run.analyzer.dispose();
    await run.cache.save();
  }
}
