// The body of an analysis worker thread: receives contexts and chunk jobs, answers with results.
import { parentPort, isMainThread, workerData } from 'node:worker_threads';
import { analyzeChunk, type AnalysisContext } from './analyze';

export function isAnalyzerWorker(): boolean {
  return !isMainThread && !!(workerData as { benchpressWorker?: boolean } | undefined)?.benchpressWorker;
}

export function runAnalyzerWorker(): void {
  const contexts = new Map<string, AnalysisContext>();
  type Message = { type: 'context'; context: AnalysisContext } | { type: 'batch'; id: number; contextKey: string; jobs: { text: string; flavor: 'markdown' | 'mdx' }[] };
  parentPort!.on('message', (message: Message) => {
    if (message.type === 'context') {
      contexts.set(message.context.key, message.context);
      // Old contexts (settings that changed) are not needed again.
      if (contexts.size > 8) contexts.delete(contexts.keys().next().value as string);
      return;
    }
    const context = contexts.get(message.contextKey);
    if (!context) {
      parentPort!.postMessage({ type: 'error', id: message.id, error: 'no analysis context' });
      return;
    }
    try {
      parentPort!.postMessage({ type: 'started', id: message.id });
      parentPort!.postMessage({ type: 'results', id: message.id, results: message.jobs.map((job) => analyzeChunk(job.text, job.flavor, context)) });
    } catch (error) {
      parentPort!.postMessage({ type: 'error', id: message.id, error: (error as Error)?.message ?? String(error) });
    }
  });
  parentPort!.postMessage({ type: 'ready' });
}
