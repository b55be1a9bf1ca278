// The Topic Heat view: `benchpress/topicReport` over every draft of a workspace folder, with progress and
// cancellation. Each file keeps its checker between reports, so asking again re-analyses only what changed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DocumentChecker } from '../../engine/document-checker';
import { collectFiles } from '../../node/files';
import { decodeDraft } from '../../node/drafts';
import { uriOf } from '../../services/check-files';
import { topicReportOf, type CheckedDraft } from '../../services/topic-report';
import { Requests, type WorkspaceTopicReport } from '../../protocol';
import type { Feature, ServerContext } from '../server-context';

async function workspaceTopics(server: ServerContext, root: string, checkers: Map<string, DocumentChecker>, signal: AbortSignal, progress: (done: number, total: number) => void): Promise<WorkspaceTopicReport> {
  const settings = await server.settings.forRoot(root);
  const { env } = settings;
  // The drafts a `lint` of the folder would check: without what `.gitignore` and the `ignore` setting leave out.
  const files = await collectFiles([root], root, { ignore: { ignores: settings.isIgnored, skipsFolder: settings.skipsFolder }, gitignore: true, gitignoreTop: root });
  const drafts: CheckedDraft[] = [];
  for (const [i, file] of files.entries()) {
    if (signal.aborted) break;
    const text = server.scheduler.openText(file) ?? (await fs.readFile(file).then((bytes) => decodeDraft(bytes).text, () => undefined));
    if (text === undefined) continue;
    let checker = checkers.get(file);
    if (!checker) checkers.set(file, (checker = new DocumentChecker(server.analyzer)));
    const result = await checker.check({ uri: uriOf(file), path: file, text }, env, server.scheduler.workspace, signal);
    drafts.push({ path: path.relative(root, file).split(path.sep).join('/'), result });
    progress(i + 1, files.length);
  }
  return { ...topicReportOf(drafts, env), files: files.length };
}

export const topicsFeature: Feature = (server) => {
  const checkers = new Map<string, DocumentChecker>();
  server.connection.onRequest(Requests.topicReport, async (params, token) => {
    const root = params?.root ?? server.rootPath;
    if (!root) return { topics: [], uncovered: [], rotation: [], files: 0 };
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const progress = await server.connection.window.createWorkDoneProgress();
    progress.begin(server.locale === 'zh-cn' ? 'Benchpress：统计主题热度' : 'Benchpress: topic heat', 0, undefined, true);
    progress.token.onCancellationRequested(() => abort.abort());
    try {
      return await workspaceTopics(server, root, checkers, abort.signal, (done, total) => progress.report(Math.round((done / total) * 100), `${done}/${total}`));
    } finally {
      progress.done();
    }
  });
};
