// `benchpress topics`: which hot topics the drafts cover, which no draft covers yet, and rotation warnings
// (two consecutive articles by front matter `date` on the same main topic).
import { parseArgs } from './args';
import { checkedLang } from './locale';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { displayPath } from '../node/files';
import { formatTopicReport } from '../topics/report';
import { checkDraftFile, mapConcurrently } from '../services/check-files';
import { topicReportOf } from '../services/topic-report';
import { prepareRun } from './run';
import type { CliIo } from './io';
import { localize } from '../base/i18n';

export const TOPICS_USAGE = `Usage: benchpress topics [--json] [--table FILE] [--lang en|zh-cn] PATH…

The topic-heat report for the drafts under PATH: topics by heat with the drafts that cover them, hot topics no
draft covers yet, and consecutive articles (by front matter "date") on the same topic.
  --json        {"topics": [{"topic", "rank", "heat", "relevance", "views", "status", "drafts"}], "uncovered", "rotation"}
  --table FILE  a topic table (CSV or JSON) instead of the workspace's .benchpress/topics.csv|json or the built-in one
  --lang        language of the report (default: the config's "language", else en)`;

export async function topicsCommand(argv: readonly string[], io: CliIo, makeAnalyzer: (timeoutMs: number) => ChunkAnalyzer, version: string): Promise<number> {
  const args = parseArgs(argv, { values: ['table', 'lang'], switches: ['json', 'help'] });
  if (args.switches.has('help')) {
    io.stdout(TOPICS_USAGE + '\n');
    return 0;
  }
  const lang = checkedLang(args.values.get('lang'));
  const setup = await prepareRun(args.positionals, io, { version, topicsTable: args.values.get('table'), only: ['heat'], lang });
  const run = { env: setup.env, envFor: setup.envFor, workspace: setup.workspace, analyzer: makeAnalyzer(setup.config.checkTimeoutMs), cache: setup.cache };
  try {
    const states = await mapConcurrently(setup.files, (file) => checkDraftFile(file, run));
    const report = topicReportOf(states.map((s) => ({ path: displayPath(s.file, io.cwd), result: s.result })), setup.env);
    for (const file of setup.settings.problems) {
      for (const p of file.problems) io.stderr(`${displayPath(file.path, io.cwd)}: ${localize(p.message, setup.env.locale)}\n`);
    }
    io.stdout(args.switches.has('json') ? JSON.stringify(report, null, 2) + '\n' : formatTopicReport(report, setup.env.locale) + '\n');
    return 0;
  } finally {
    await run.analyzer.dispose();
    await run.cache.save();
  }
}
