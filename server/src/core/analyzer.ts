// Where chunk analyses run. In process (tests, small jobs) or in a pool of worker threads, which is what lets a
// check be stopped: a chunk that takes longer than its budget gets its worker terminated and a guard finding,
// and the editor never waits on a runaway parse.
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { analyzeChunk, guardedResult, type AnalysisContext, type ChunkResult } from './analyze';
import type { Flavor } from './parse';
import { guardMessage } from '../rules/guards';

export interface ChunkJob {
  text: string;
  flavor: Flavor;
}

export interface ChunkAnalyzer {
  analyze(jobs: readonly ChunkJob[], context: AnalysisContext, signal?: AbortSignal): Promise<ChunkResult[]>;
  dispose(): Promise<void>;
}

export class AbortError extends Error {
  constructor() {
    super('The check was cancelled.');
    this.name = 'AbortError';
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs analyses on the calling thread, yielding between chunks so other work (LSP messages) can go on. */
export class InProcessAnalyzer implements ChunkAnalyzer {
  async analyze(jobs: readonly ChunkJob[], context: AnalysisContext, signal?: AbortSignal): Promise<ChunkResult[]> {
    const results: ChunkResult[] = [];
    let last = Date.now();
    for (const job of jobs) {
      if (signal?.aborted) throw new AbortError();
      results.push(analyzeChunk(job.text, job.flavor, context));
      if (Date.now() - last > 20) {
        await yieldToEventLoop();
        last = Date.now();
      }
    }
    return results;
  }

  async dispose(): Promise<void> {}
}

interface PendingJob {
  job: ChunkJob;
  context: AnalysisContext;
  resolve(result: ChunkResult): void;
  reject(error: Error): void;
  signal?: AbortSignal;
}

interface PoolWorker {
  worker: Worker;
  /** Jobs go only to a worker that has loaded: its start-up time must not count against a chunk's budget. */
  ready: boolean;
  contexts: Set<string>;
  busy?: { id: number; pending: PendingJob; timer: NodeJS.Timeout };
}

export interface WorkerPoolOptions {
  /** The script that runs `runAnalyzerWorker` when started as a worker (the bundle itself, or worker-main.ts). */
  script: string;
  execArgv?: string[];
  size?: number;
  /** Time budget per chunk, in ms. */
  timeoutMs: number;
}

export class WorkerPoolAnalyzer implements ChunkAnalyzer {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: PendingJob[] = [];
  private nextId = 1;
  private disposed = false;
  timeoutMs: number;

  private readonly size: number;

  constructor(private readonly options: WorkerPoolOptions) {
    this.timeoutMs = options.timeoutMs;
    this.size = options.size ?? Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length));
  }

  /** Workers start on first use: a run whose results all come from a cache starts none. */
  private ensureWorkers(): void {
    while (this.workers.length < this.size) this.workers.push(this.spawn());
  }

  private spawn(): PoolWorker {
    const worker = new Worker(this.options.script, {
      workerData: { benchpressWorker: true },
      execArgv: this.options.execArgv,
      // A worker that runs out of memory dies alone; the server and the editor stay up.
      resourceLimits: { maxOldGenerationSizeMb: 1536 },
      stdout: false,
      stderr: false,
    });
    const entry: PoolWorker = { worker, ready: false, contexts: new Set() };
    worker.unref();
    worker.on('message', (message: { type: string; id: number; result?: ChunkResult; error?: string }) => {
      if (message.type === 'ready') {
        entry.ready = true;
        this.pump();
        return;
      }
      const busy = entry.busy;
      if (!busy || busy.id !== message.id) return;
      clearTimeout(busy.timer);
      entry.busy = undefined;
      if (message.type === 'result' && message.result) busy.pending.resolve(message.result);
      else busy.pending.resolve(guardedResult(busy.pending.job.text, 'guard/check-failed', zeroRange(), guardMessage('failed', busy.pending.context.locale, { reason: message.error ?? 'unknown error' }), 'error'));
      this.pump();
    });
    const replace = (reason: string) => {
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      const busy = entry.busy;
      entry.busy = undefined;
      if (busy) {
        clearTimeout(busy.timer);
        busy.pending.resolve(guardedResult(busy.pending.job.text, 'guard/check-failed', zeroRange(), guardMessage('failed', busy.pending.context.locale, { reason }), 'error'));
      }
      if (this.disposed) return;
      this.workers[index] = this.spawn();
      this.pump();
    };
    worker.on('error', (error) => replace(error.message));
    worker.on('exit', (code) => replace(`the checker stopped (exit code ${code})`));
    return entry;
  }

  analyze(jobs: readonly ChunkJob[], context: AnalysisContext, signal?: AbortSignal): Promise<ChunkResult[]> {
    if (this.disposed) return Promise.reject(new Error('The analyzer was disposed.'));
    if (jobs.length === 0) return Promise.resolve([]);
    this.ensureWorkers();
    const promises = jobs.map((job) => new Promise<ChunkResult>((resolve, reject) => this.queue.push({ job, context, resolve, reject, signal })));
    this.pump();
    return Promise.all(promises);
  }

  private pump(): void {
    for (const entry of this.workers) {
      if (entry.busy || !entry.ready) continue;
      let pending = this.queue.shift();
      while (pending?.signal?.aborted) {
        pending.reject(new AbortError());
        pending = this.queue.shift();
      }
      if (!pending) return;
      const id = this.nextId++;
      if (!entry.contexts.has(pending.context.key)) {
        entry.worker.postMessage({ type: 'context', context: pending.context });
        entry.contexts.add(pending.context.key);
        // The worker forgets the oldest of more than 8 contexts; forget it here in the same order.
        if (entry.contexts.size > 8) entry.contexts.delete(entry.contexts.values().next().value as string);
      }
      const job = pending;
      const timer = setTimeout(() => this.timedOut(entry, id), this.timeoutMs);
      entry.busy = { id, pending: job, timer };
      entry.worker.postMessage({ type: 'job', id, text: job.job.text, flavor: job.job.flavor, contextKey: job.context.key });
    }
  }

  private timedOut(entry: PoolWorker, id: number): void {
    const busy = entry.busy;
    if (!busy || busy.id !== id) return;
    entry.busy = undefined;
    const { pending } = busy;
    pending.resolve(guardedResult(pending.job.text, 'guard/timeout', zeroRange(), guardMessage('timeout', pending.context.locale, { ms: this.timeoutMs })));
    const index = this.workers.indexOf(entry);
    // Replace the worker first so the 'exit' handler of the terminated one finds nothing to do.
    if (index !== -1) this.workers[index] = this.spawn();
    void entry.worker.terminate();
    this.pump();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new AbortError());
    await Promise.all(this.workers.map((w) => {
      if (w.busy) clearTimeout(w.busy.timer);
      return w.worker.terminate();
    }));
  }
}

const zeroRange = () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
