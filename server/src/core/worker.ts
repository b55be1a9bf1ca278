// The body of an analysis worker thread: receives contexts and chunk jobs, answers with results.
import { parentPort, isMainThread, workerData } from 'node:worker_threads';
import { analyzeChunk, type AnalysisContext } from './analyze';

export function isAnalyzerWorker(): boolean {
  return !isMainThread && !!(workerData as { benchpressWorker?: boolean } | undefined)?.benchpressWorker;
}

export function runAnalyzerWorker(): void {
  const contexts = new Map<string, AnalysisContext>();
  parentPort!.on('message', (message: { type: 'context'; context: AnalysisContext } | { type: 'job'; id: number; text: string; flavor: 'markdown' | 'mdx'; contextKey: string }) => {
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
      parentPort!.postMessage({ type: 'result', id: message.id, result: analyzeChunk(message.text, message.flavor, context) });
    } catch (error) {
      parentPort!.postMessage({ type: 'error', id: message.id, error: (error as Error)?.message ?? String(error) });
    }
  });
  parentPort!.postMessage({ type: 'ready' });
}
