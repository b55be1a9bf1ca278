// Which of Benchpress's worker threads this thread is, from the data it was started with: one bundle may serve as
// the server and as its workers, and the entry decides what to load before loading it (see server.ts).
import { isMainThread, workerData } from 'node:worker_threads';

/** An analysis worker (engine/analyzer.ts starts it with `benchpressWorker`). */
export function isAnalyzerWorker(): boolean {
  return !isMainThread && !!(workerData as { benchpressWorker?: boolean } | undefined)?.benchpressWorker;
}

/** The preview's renderer (preview/render-thread.ts starts it with `benchpressPreview`). */
export function isPreviewWorker(): boolean {
  return !isMainThread && !!(workerData as { benchpressPreview?: boolean } | undefined)?.benchpressPreview;
}
