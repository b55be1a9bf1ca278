// The Topic Heat view: `benchpress/topicReport` over every draft of a workspace folder, with progress and
// cancellation. Between reports each file keeps only its topic facts, with the hash of the text and the settings
// they came from, so asking again checks only what changed and a large workspace costs little memory.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { DocumentChecker, type CheckEnvironment } from '../../engine/document-checker';
import { collectFiles } from '../../node/files';
import { decodeDraft } from '../../node/drafts';
import { uriOf } from '../../services/check-files';
import { topicFactsOf, topicReportOf, type CheckedDraft, type TopicFacts } from '../../services/topic-report';
import { Requests, type WorkspaceTopicReport } from '../../protocol';
import type { Feature, ServerContext } from '../server-context';

interface Remembered {
  hash: string;
  env: CheckEnvironment;
  facts: TopicFacts;
}

async function workspaceTopics(server: ServerContext, root: string, remembered: Map<string, Remembered>, signal: AbortSignal, progress: (done: number, total: number) => void): Promise<WorkspaceTopicReport> {
  const settings = await server.settings.forRoot(root);
  const { env } = settings;
  // The drafts a `lint` of the folder would check: without what `.gitignore` and the `ignore` setting leave out.
  const files = await collectFiles([root], root, { ignore: { ignores: settings.isIgnored, skipsFolder: settings.skipsFolder }, gitignore: true, gitignoreTop: root });
  const drafts: CheckedDraft[] = [];
  const seen = new Set<string>();
  for (const [i, file] of files.entries()) {
    if (signal.aborted) break;
    const text = server.scheduler.openText(file) ?? (await fs.readFile(file).then((bytes) => decodeDraft(bytes).text, () => undefined));
    if (text === undefined) continue;
    seen.add(file);
    const hash = createHash('sha1').update(text).digest('hex');
    let known = remembered.get(file);
    if (!known || known.hash !== hash || known.env !== env) {
      const result = await new DocumentChecker(server.analyzer).check({ uri: uriOf(file), path: file, text }, env, server.scheduler.workspace, signal);
      known = { hash, env, facts: topicFactsOf(result) };
      remembered.set(file, known);
    }
    drafts.push({ path: path.relative(root, file).split(path.sep).join('/'), result: known.facts });
    progress(i + 1, files.length);
  }
  // Files gone from the workspace are forgotten.
  if (!signal.aborted) for (const file of remembered.keys()) if (!seen.has(file)) remembered.delete(file);
  return { ...topicReportOf(drafts, env), files: files.length };
}

export const topicsFeature: Feature = (server) => {
  const remembered = new Map<string, Remembered>();
  server.connection.onRequest(Requests.topicReport, async (params, token) => {
    const root = params?.root ?? server.rootPath;
    if (!root) return { topics: [], uncovered: [], rotation: [], files: 0 };
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const progress = await server.connection.window.createWorkDoneProgress();
    progress.begin(server.locale === 'zh-cn' ? 'Benchpress：统计主题热度' : 'Benchpress: topic heat', 0, undefined, true);
    progress.token.onCancellationRequested(() => abort.abort());
    try {
      return await workspaceTopics(server, root, remembered, abort.signal, (done, total) => progress.report(Math.round((done / total) * 100), `${done}/${total}`));
    } finally {
      progress.done();
    }
  });
};
