// Chunk analyses on the calling thread: tests, the preview's renderer, small jobs. (The worker pool is in analyzer.ts,
// which does not load the analysis itself: see chunk-result.ts.)
import { analyzeChunk } from './analyze';
import { AbortError, type ChunkAnalyzer, type ChunkJob, type EarlyListener } from './analyzer';
import type { AnalysisContext, ChunkResult } from './chunk-result';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs analyses on the calling thread, yielding between chunks so other work (LSP messages) can go on. */
export class InProcessAnalyzer implements ChunkAnalyzer {
  async analyze(jobs: readonly ChunkJob[], context: AnalysisContext, signal?: AbortSignal, onEarly?: EarlyListener): Promise<ChunkResult[]> {
    const results: ChunkResult[] = [];
    let last = Date.now();
    for (const [index, job] of jobs.entries()) {
      if (signal?.aborted) throw new AbortError();
      results.push(analyzeChunk(job.text, job.flavor, context, { early: onEarly && ((early) => onEarly(index, early)) }));
      if (Date.now() - last > 20) {
        await yieldToEventLoop();
        last = Date.now();
      }
    }
    return results;
  }

  async dispose(): Promise<void> {}
}
