// Where chunk analyses run. In process (tests, small jobs) or in a pool of worker threads, which is what lets a
// check be stopped: a chunk that takes longer than its budget gets its worker terminated and a guard finding,
// and the editor never waits on a runaway parse.
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { analyzeChunk, guardedResult, type AnalysisContext, type ChunkResult } from './analyze';
import type { Flavor } from '../markdown/parse';
import { guardFinding } from '../rules/guards';

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
  /** Sent on its own: it was in a batch that ran over the budget, so it may be the one that stalls. */
  solo?: boolean;
}

/** Chunks sent to a worker in one message and answered in one message. */
interface Batch {
  id: number;
  jobs: PendingJob[];
  /** Set when the worker says it started this batch: the budget counts from then. */
  timer?: NodeJS.Timeout;
}

interface PoolWorker {
  worker: Worker;
  /** Jobs go only to a worker that has loaded: its start-up time must not count against a chunk's budget. */
  ready: boolean;
  contexts: Set<string>;
  /** Batches sent and not answered, in order; the first is running, the next waits in the worker's queue. */
  inFlight: Batch[];
  idleTimer?: NodeJS.Timeout;
}

export interface WorkerPoolOptions {
  /** The script that runs `runAnalyzerWorker` when started as a worker: the bundle itself (see server.ts, cli.ts). */
  script: string;
  execArgv?: string[];
  size?: number;
  /** Time budget per chunk, in ms. */
  timeoutMs: number;
  /**
   * The young generation of each worker, in MB. Larger cuts garbage-collection time when a run parses a lot (the
   * CLI); smaller keeps a long-lived process lean (the language server). Default 96.
   */
  youngGenerationMb?: number;
  /** A worker beyond the first with nothing to do for this long is stopped (more start again as work queues up). Default: never. */
  idleMs?: number;
}

/**
 * Throughput: chunks travel in batches (one message each way per batch instead of per chunk), and each worker has
 * two batches in flight so it starts the next the moment it finishes one. Guarding: a batch gets the budget of
 * one chunk, which a batch of ordinary chunks never comes near; if it runs over, its chunks are sent again one
 * by one, so only the chunk that really stalls is reported and skipped.
 */
const IN_FLIGHT_PER_WORKER = 2;
const BATCH_MAX_JOBS = 32;
const BATCH_MAX_CHARS = 64 * 1024;

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

  /**
   * Workers start on first use (a run whose results all come from a cache starts none), and only as many as the
   * queued work can keep busy: a batch or two of work (one small file, an edit) is one worker's, and each further
   * worker needs two more batches waiting. Up to `size`.
   */
  private ensureWorkers(): void {
    let chars = 0;
    for (const pending of this.queue) chars += pending.job.text.length;
    const batches = Math.max(Math.ceil(this.queue.length / BATCH_MAX_JOBS), Math.ceil(chars / BATCH_MAX_CHARS));
    const inFlight = this.workers.reduce((n, w) => n + w.inFlight.length, 0);
    const wanted = Math.min(this.size, Math.max(1, Math.ceil((batches + inFlight) / IN_FLIGHT_PER_WORKER)));
    while (this.workers.length < wanted) this.workers.push(this.spawn());
  }

  /** Stops workers beyond the first that have been idle for `idleMs` (the language server after a burst of work). */
  private scheduleIdleStop(entry: PoolWorker): void {
    const idleMs = this.options.idleMs;
    if (idleMs === undefined || this.disposed) return;
    clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => {
      if (entry.inFlight.length > 0 || this.queue.length > 0 || this.disposed || this.workers.length <= 1) return;
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      this.workers.splice(index, 1);
      void entry.worker.terminate();
    }, idleMs);
    entry.idleTimer.unref?.();
  }

  private spawn(): PoolWorker {
    const worker = new Worker(this.options.script, {
      workerData: { benchpressWorker: true },
      execArgv: this.options.execArgv,
      // A worker that runs out of memory dies alone; the server and the editor stay up. Parsing allocates many
      // short-lived objects: a young generation larger than V8's default cuts garbage-collection time by a
      // quarter (measured on the zh corpus).
      resourceLimits: { maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: this.options.youngGenerationMb ?? 96 },
      stdout: false,
      stderr: false,
    });
    const entry: PoolWorker = { worker, ready: false, contexts: new Set(), inFlight: [] };
    worker.unref();
    worker.on('message', (message: { type: string; id: number; results?: ChunkResult[]; error?: string }) => {
      if (message.type === 'ready') {
        entry.ready = true;
        this.pump();
        if (entry.inFlight.length === 0) this.scheduleIdleStop(entry);
        return;
      }
      const batch = entry.inFlight.find((b) => b.id === message.id);
      if (!batch) return;
      if (message.type === 'started') {
        batch.timer = setTimeout(() => this.timedOut(entry, batch.id), this.timeoutMs);
        return;
      }
      clearTimeout(batch.timer);
      entry.inFlight.splice(entry.inFlight.indexOf(batch), 1);
      batch.jobs.forEach((job, i) => {
        const result = message.type === 'results' ? message.results?.[i] : undefined;
        job.resolve(result ?? failedResult(job, message.error ?? 'unknown error'));
      });
      this.pump();
      if (entry.inFlight.length === 0) this.scheduleIdleStop(entry);
    });
    const replace = (reason: string) => {
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      this.workers.splice(index, 1);
      this.settleLost(entry, (job) => failedResult(job, reason));
      if (this.disposed) return;
      this.workers.push(this.spawn());
      this.pump();
    };
    worker.on('error', (error) => replace(error.message));
    worker.on('exit', (code) => replace(`the checker stopped (exit code ${code})`));
    return entry;
  }

  /**
   * A worker is gone while running its first batch. A single chunk gets `result`; a batch goes back to the queue
   * one chunk at a time; batches still waiting in the worker go back as they were.
   */
  private settleLost(entry: PoolWorker, result: (job: PendingJob) => ChunkResult): void {
    const [running, ...waiting] = entry.inFlight;
    entry.inFlight = [];
    for (const b of entry.inFlight.concat(running ? [running] : [], waiting)) clearTimeout(b.timer);
    const requeue: PendingJob[] = [];
    if (running?.jobs.length === 1) running.jobs[0].resolve(result(running.jobs[0]));
    else if (running) requeue.push(...running.jobs.map((j) => ({ ...j, solo: true })));
    for (const b of waiting) requeue.push(...b.jobs);
    this.queue.unshift(...requeue);
  }

  analyze(jobs: readonly ChunkJob[], context: AnalysisContext, signal?: AbortSignal): Promise<ChunkResult[]> {
    if (this.disposed) return Promise.reject(new Error('The analyzer was disposed.'));
    if (jobs.length === 0) return Promise.resolve([]);
    const promises = jobs.map((job) => new Promise<ChunkResult>((resolve, reject) => this.queue.push({ job, context, resolve, reject, signal })));
    this.ensureWorkers();
    this.pump();
    return Promise.all(promises);
  }

  /** The next batch: queued jobs of one context, up to the limits; a job marked solo goes alone. */
  private nextBatch(): PendingJob[] {
    const batch: PendingJob[] = [];
    let chars = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (next.signal?.aborted) {
        this.queue.shift();
        next.reject(new AbortError());
        continue;
      }
      if (batch.length > 0 && (next.solo || batch[0].solo || next.context.key !== batch[0].context.key || batch.length >= BATCH_MAX_JOBS || chars + next.job.text.length > BATCH_MAX_CHARS)) break;
      batch.push(this.queue.shift()!);
      chars += next.job.text.length;
    }
    return batch;
  }

  private pump(): void {
    for (const entry of this.workers) {
      while (entry.ready && entry.inFlight.length < IN_FLIGHT_PER_WORKER) {
        const jobs = this.nextBatch();
        if (jobs.length === 0) return;
        const context = jobs[0].context;
        if (!entry.contexts.has(context.key)) {
          entry.worker.postMessage({ type: 'context', context });
          entry.contexts.add(context.key);
          // The worker forgets the oldest of more than 8 contexts; forget it here in the same order.
          if (entry.contexts.size > 8) entry.contexts.delete(entry.contexts.values().next().value as string);
        }
        const id = this.nextId++;
        clearTimeout(entry.idleTimer);
        entry.inFlight.push({ id, jobs });
        entry.worker.postMessage({ type: 'batch', id, contextKey: context.key, jobs: jobs.map((j) => ({ text: j.job.text, flavor: j.job.flavor })) });
      }
    }
  }

  private timedOut(entry: PoolWorker, id: number): void {
    if (entry.inFlight[0]?.id !== id) return;
    const index = this.workers.indexOf(entry);
    if (index === -1) return;
    // Take the worker out first so the 'exit' handler of the terminated one finds nothing to do.
    this.workers.splice(index, 1);
    this.settleLost(entry, (job) => guardedResult(job.job.text, guardFinding('timeout', job.context.locale, { ms: this.timeoutMs })));
    void entry.worker.terminate();
    if (!this.disposed) this.workers.push(this.spawn());
    this.pump();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new AbortError());
    await Promise.all(this.workers.map((w) => {
      clearTimeout(w.idleTimer);
      for (const b of w.inFlight) clearTimeout(b.timer);
      return w.worker.terminate();
    }));
  }
}

function failedResult(pending: PendingJob, reason: string): ChunkResult {
  return guardedResult(pending.job.text, guardFinding('failed', pending.context.locale, { reason }));
}
