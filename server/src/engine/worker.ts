// The body of an analysis worker thread: receives contexts and chunk jobs, answers with results. A small block of
// memory shared with the pool says, while a batch runs, which chunk and which rule the worker is in (so the pool
// can name a rule that overran its budget) and lets the pool cancel a batch nobody waits for any more.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeChunk } from './analyze';
import { AnalysisCancelled, type AnalysisContext, type EarlyChunkResult } from './chunk-result';
import { SLOT } from './worker-slots';

export function runAnalyzerWorker(): void {
  const contexts = new Map<string, AnalysisContext>();
  const shared: Int32Array | undefined = (workerData as { shared?: SharedArrayBuffer }).shared ? new Int32Array((workerData as { shared: SharedArrayBuffer }).shared) : undefined;
  /** `early`: send the early result ahead (then the result without what that sent: see analyzer.ts ResultAfterEarly). */
  type Job = { text: string; flavor: 'markdown' | 'mdx'; skip?: string[]; early?: boolean };
  type Message = { type: 'context'; context: AnalysisContext } | { type: 'batch'; id: number; contextKey: string; jobs: Job[] };
  const cancelled = (id: number) => {
    if (!shared) return false;
    for (let i = 0; i < SLOT.cancelCount; i++) if (Atomics.load(shared, SLOT.cancelFirst + i) === id) return true;
    return false;
  };
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
      if (shared) Atomics.store(shared, SLOT.batch, message.id);
      const results = message.jobs.map((job, index) => {
        const jobStart = Date.now();
        if (shared) Atomics.store(shared, SLOT.job, index);
        let sentEarly: EarlyChunkResult | undefined;
        const result = analyzeChunk(job.text, job.flavor, context, {
          skip: job.skip,
          // The phase, and when it began (ms after the chunk's start): the pool blames a rule only for its own time.
          phase: shared
            ? (phase) => {
                Atomics.store(shared, SLOT.phaseAt, Date.now() - jobStart);
                Atomics.store(shared, SLOT.phase, phase);
              }
            : undefined,
          cancelled: shared ? () => cancelled(message.id) : undefined,
          early: job.early
            ? (early) => {
                sentEarly = early;
                parentPort!.postMessage({ type: 'early', id: message.id, index, early });
              }
            : undefined,
        });
        return sentEarly !== undefined && result.summary === sentEarly.summary ? { afterEarly: true, findings: result.findings } : result;
      });
      parentPort!.postMessage({ type: 'results', id: message.id, results });
    } catch (error) {
      if (error instanceof AnalysisCancelled) parentPort!.postMessage({ type: 'cancelled', id: message.id });
      else parentPort!.postMessage({ type: 'error', id: message.id, error: (error as Error)?.message ?? String(error) });
    } finally {
      if (shared) Atomics.store(shared, SLOT.batch, 0);
    }
  });
  parentPort!.postMessage({ type: 'ready' });
}
