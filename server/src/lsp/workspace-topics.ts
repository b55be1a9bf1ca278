// The topic-heat report for a whole workspace (the tree view): every draft, open or not, checked with the
// same engine; each file keeps its checker, so asking again re-analyses only what changed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { DocumentChecker, type CheckEnvironment } from '../engine/document-checker';
import type { WorkspaceView } from '../markdown/workspace';
import { collectFiles } from '../node/files';
import { buildTopicReport, type TopicReport } from '../topics/report';
import { pathToFileURL } from 'node:url';

export class WorkspaceTopics {
  private readonly checkers = new Map<string, DocumentChecker>();

  constructor(private readonly analyzer: ChunkAnalyzer) {}

  async report(root: string, env: CheckEnvironment, workspace: WorkspaceView, openText: (file: string) => string | undefined, progress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<TopicReport & { files: number }> {
    const files = await collectFiles([root], root);
    const drafts: { path: string; date?: string | Date; matches: NonNullable<Awaited<ReturnType<DocumentChecker['check']>>['topics']> }[] = [];
    let done = 0;
    for (const file of files) {
      if (signal?.aborted) break;
      const text = openText(file) ?? (await fs.readFile(file, 'utf8').catch(() => undefined));
      done++;
      if (text === undefined) continue;
      let checker = this.checkers.get(file);
      if (!checker) {
        checker = new DocumentChecker(this.analyzer);
        this.checkers.set(file, checker);
      }
      const result = await checker.check({ uri: pathToFileURL(file).href, path: file, text }, env, workspace, signal);
      const date = result.view?.frontMatter?.data.date;
      drafts.push({ path: path.relative(root, file).split(path.sep).join('/'), date: date instanceof Date || typeof date === 'string' ? date : undefined, matches: result.topics ?? [] });
      progress?.(done, files.length);
    }
    return { ...buildTopicReport(drafts, env.topicRows), files: files.length };
  }
}
