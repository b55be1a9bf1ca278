// Where chunk analyses run: in a pool of worker threads, which is what lets a check be stopped (a chunk that takes
// longer than its budget gets its worker terminated and a guard finding, and the editor never waits on a runaway
// parse), or in process (in-process-analyzer.ts: tests, the preview). This module does not load the analysis: a CLI
// run starts its first worker while the main thread is still loading the parser and the rules for itself.
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { guardedResult, ruleOfPhase, type AnalysisContext, type ChunkResult, type EarlyChunkResult } from './chunk-result';
import { SHARED_SLOTS, SLOT } from './worker-slots';
import type { Flavor } from '../markdown/parse';
import { guardFinding } from '../rules/guards';
import { untilSettled } from '../base/signals';

export interface ChunkJob {
  text: string;
  flavor: Flavor;
}

/** Told a job's early result (by its index in the jobs given) as soon as its chunk is parsed (see EarlyChunkResult). */
export type EarlyListener = (index: number, early: EarlyChunkResult) => void;

export interface ChunkAnalyzer {
  /** `onEarly`, when given, may be told each job's early result before the results resolve (or may not be). */
  analyze(jobs: readonly ChunkJob[], context: AnalysisContext, signal?: AbortSignal, onEarly?: EarlyListener): Promise<ChunkResult[]>;
  dispose(): Promise<void>;
}

/**
 * Makes the analyzer of a run, given the check's time budget. `prewarm`, when there is one, starts what the next
 * analyzer will need (a worker loading the analysis) while the run still reads settings and files; `release` stops
 * what `prewarm` started when no analyzer will be made after all.
 */
export type AnalyzerFactory = ((timeoutMs: number) => ChunkAnalyzer) & { prewarm?(): void; release?(): Promise<void> };

export class AbortError extends Error {
  constructor() {
    super('The check was cancelled.');
    this.name = 'AbortError';
  }
}

interface PendingJob {
  job: ChunkJob;
  context: AnalysisContext;
  resolve(result: ChunkResult): void;
  reject(error: Error): void;
  signal?: AbortSignal;
  /** Sent on its own: it was in a batch that ran over the budget, so it may be the one that stalls. */
  solo?: boolean;
  /** Times it went back to the queue because its worker died under it: a chunk is retried once, then reported. */
  crashes?: number;
  /** Rules that overran the budget on this chunk, or took their worker down: not run again, each reported by name. */
  stopped?: StoppedRule[];
  /** Wants the early result (the worker then sends it ahead, and the results without what it already sent). */
  onEarly?: (early: EarlyChunkResult) => void;
  early?: EarlyChunkResult;
}

/** A result whose summary, open-block flag and topic hits went ahead in an `early` message (see worker.ts). */
export interface ResultAfterEarly {
  afterEarly: true;
  findings: ChunkResult['findings'];
}

interface StoppedRule {
  rule: string;
  /** Undefined: it ran over the budget; else why its worker stopped. */
  crash?: string;
}

/** A chunk whose rules keep overrunning is given up after this many rules were stopped on it. */
const MAX_RULES_STOPPED = 3;
/** Workers that exit before they are ready, in a row, before the pool stops restarting them. */
const MAX_FAILED_STARTS = 3;

/** Chunks sent to a worker in one message and answered in one message. */
interface Batch {
  id: number;
  jobs: PendingJob[];
  /** Set when the worker says it started this batch: the budget counts from then. */
  timer?: NodeJS.Timeout;
  /** Every job's result is no longer wanted: the worker was told to stop it. */
  cancelled?: boolean;
}

interface PoolWorker {
  worker: Worker;
  /** Jobs go only to a worker that has loaded: its start-up time must not count against a chunk's budget. */
  ready: boolean;
  contexts: Set<string>;
  /** Batches sent and not answered, in order; the first is running, the next waits in the worker's queue. */
  inFlight: Batch[];
  idleTimer?: NodeJS.Timeout;
  /** Shared with the worker (see worker.ts SLOT): the chunk and rule it is in, and batches to cancel. */
  shared: Int32Array;
  cancelCursor: number;
}

export interface WorkerPoolOptions {
  /** The script that runs `runAnalyzerWorker` when started as a worker: the bundle itself (see server.ts, cli.ts). */
  script: string;
  execArgv?: string[];
  size?: number;
  /** Time budget per chunk, in ms. */
  timeoutMs: number;
  /**
   * The young generation of each worker, in MB (V8's semi-spaces are a third of it each). Larger cuts
   * garbage-collection time when a run parses a lot, but every worker of a cold CLI run then holds it all: on the
   * bench corpus 96 MB held about 110 MB more peak RSS than 16 MB (2 workers) for a few per cent less CPU time (GC
   * about 10 % of the workers' time instead of 16 %; in the noise of a loaded 2-core machine). Default 16.
   */
  youngGenerationMb?: number;
  /** Called when each worker has started (a starting worker thread puts process-wide V8 flags back to their launch values). */
  onWorkerStarted?: () => void;
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
/**
 * The most old-generation memory a worker may hold. With the default time budget (checkTimeoutMs, 4 s) a chunk's
 * analysis is stopped well before it could hold this much (the slowest kind per byte, a GFM table, held 60–120 MB
 * live at its peak for 125 KB parsed in about a second); a chunk that gets there anyway (a budget raised for a huge
 * table) kills its worker, which is replaced, and the chunk gets a finding, as past any limit. V8 sizes a heap by
 * its limit: at 1,536 MB the two workers of a cold CLI run on the bench corpus peaked about 20 MB higher (292–296 MB
 * against 269–274 MB for the process, same time).
 */
const WORKER_OLD_GENERATION_MB = 768;
const BATCH_MAX_JOBS = 32;
const BATCH_MAX_CHARS = 64 * 1024;

export class WorkerPoolAnalyzer implements ChunkAnalyzer {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: PendingJob[] = [];
  private nextId = 1;
  private disposed = false;
  private failedStarts = 0;
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
    if (this.workers.length === 0) this.failedStarts = 0;
    let chars = 0;
    for (const pending of this.queue) chars += pending.job.text.length;
    const batches = Math.max(Math.ceil(this.queue.length / BATCH_MAX_JOBS), Math.ceil(chars / BATCH_MAX_CHARS));
    const inFlight = this.workers.reduce((n, w) => n + w.inFlight.length, 0);
    const wanted = Math.min(this.size, Math.max(1, Math.ceil((batches + inFlight) / IN_FLIGHT_PER_WORKER)));
    while (this.workers.length < wanted) this.workers.push(this.spawn());
  }

  /** Starts the first worker before any work is queued (it loads the analysis meanwhile). */
  warm(): void {
    if (this.disposed || this.workers.length > 0) return;
    this.failedStarts = 0;
    this.workers.push(this.spawn());
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
    const shared = new Int32Array(new SharedArrayBuffer(SHARED_SLOTS * Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(this.options.script, {
      workerData: { benchpressWorker: true, shared: shared.buffer },
      execArgv: this.options.execArgv,
      // A worker that runs out of memory dies alone; the server and the editor stay up (see WORKER_OLD_GENERATION_MB).
      // The young generation: see WorkerPoolOptions.youngGenerationMb.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: this.options.youngGenerationMb ?? 16 },
      stdout: false,
      stderr: false,
    });
    const entry: PoolWorker = { worker, ready: false, contexts: new Set(), inFlight: [], shared, cancelCursor: 0 };
    worker.unref();
    worker.on('message', (message: { type: string; id: number; results?: (ChunkResult | ResultAfterEarly)[]; error?: string; index?: number; early?: EarlyChunkResult }) => {
      if (message.type === 'ready') {
        entry.ready = true;
        this.options.onWorkerStarted?.();
        this.failedStarts = 0;
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
      if (message.type === 'early') {
        const job = batch.jobs[message.index!];
        if (job && !batch.cancelled) {
          job.early = message.early!;
          job.onEarly?.(job.early);
        }
        return;
      }
      clearTimeout(batch.timer);
      entry.inFlight.splice(entry.inFlight.indexOf(batch), 1);
      if (message.type === 'cancelled') {
        for (const job of batch.jobs) job.reject(new AbortError());
        this.pump();
        return;
      }
      batch.jobs.forEach((job, i) => {
        const sent = message.type === 'results' ? message.results?.[i] : undefined;
        // The early result's objects, so a view built from them is known to be this result's.
        const result = sent && 'afterEarly' in sent ? (job.early ? { findings: sent.findings, ...job.early } : undefined) : sent;
        job.resolve(result ? withStoppedRules(result, job, this.timeoutMs) : failedResult(job, message.error ?? 'unknown error'));
      });
      this.pump();
      if (entry.inFlight.length === 0) this.scheduleIdleStop(entry);
    });
    const replace = (reason: string) => {
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      this.workers.splice(index, 1);
      // The chunk that was running when its worker died is tried once more on a fresh worker; if it takes that one
      // down too, the rule it was in is named and left out, so the chunk's other rules still report.
      const culprit = this.ruleRunning(entry);
      this.settleLost(entry, (job) => {
        if ((job.crashes ?? 0) < 1) return { ...job, solo: true, crashes: (job.crashes ?? 0) + 1 };
        const stopped = job.stopped ?? [];
        if (culprit && !stopped.some((s) => s.rule === culprit) && stopped.length < MAX_RULES_STOPPED) return { ...job, solo: true, stopped: [...stopped, { rule: culprit, crash: reason }] };
        return failedResult(job, reason);
      }, true);
      if (this.disposed) return;
      // A worker that cannot even start (a broken install) is not restarted forever: after a few tries the
      // waiting chunks are reported as failed, and the next check tries again.
      if (!entry.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
        if (this.workers.length === 0) for (const job of this.queue.splice(0)) job.resolve(failedResult(job, reason));
        return;
      }
      this.workers.push(this.spawn());
      this.pump();
    };
    worker.on('error', (error) => replace((error as Error)?.message ?? String(error)));
    worker.on('exit', (code) => replace(`the checker stopped (exit code ${code})`));
    return entry;
  }

  /**
   * A worker is gone while running its first batch. A single chunk gets `settle` (which may send it back to the
   * queue); a batch goes back to the queue one chunk at a time; batches still waiting in the worker go back as they
   * were. Cancelled batches are dropped.
   */
  private settleLost(entry: PoolWorker, settle: (job: PendingJob) => PendingJob | ChunkResult, crashed: boolean): void {
    const [running, ...waiting] = entry.inFlight;
    entry.inFlight = [];
    for (const b of [running, ...waiting]) if (b) clearTimeout(b.timer);
    const requeue: PendingJob[] = [];
    const drop = (b: Batch) => {
      for (const job of b.jobs) job.reject(new AbortError());
    };
    if (running?.cancelled) drop(running);
    else if (running?.jobs.length === 1) {
      const job = running.jobs[0];
      const next = settle(job);
      if ('job' in next) requeue.push(next);
      else job.resolve(withStoppedRules(next, job, this.timeoutMs));
    } else if (running) requeue.push(...running.jobs.map((j) => ({ ...j, solo: true, crashes: (j.crashes ?? 0) + (crashed ? 1 : 0) })));
    for (const b of waiting) {
      if (b.cancelled) drop(b);
      else requeue.push(...b.jobs);
    }
    this.queue.unshift(...requeue);
  }

  /** Tells workers to stop batches whose every job was cancelled (a newer version of the document arrived). */
  private cancelAbandoned(): void {
    for (const entry of this.workers) {
      for (const batch of entry.inFlight) {
        if (batch.cancelled || !batch.jobs.every((j) => j.signal?.aborted)) continue;
        batch.cancelled = true;
        Atomics.store(entry.shared, SLOT.cancelFirst + (entry.cancelCursor++ % SLOT.cancelCount), batch.id);
      }
    }
  }

  analyze(jobs: readonly ChunkJob[], context: AnalysisContext, signal?: AbortSignal, onEarly?: EarlyListener): Promise<ChunkResult[]> {
    if (this.disposed) return Promise.reject(new Error('The analyzer was disposed.'));
    if (jobs.length === 0) return Promise.resolve([]);
    const promises = jobs.map((job, i) => new Promise<ChunkResult>((resolve, reject) => this.queue.push({ job, context, resolve, reject, signal, onEarly: onEarly && ((early) => onEarly(i, early)) })));
    this.ensureWorkers();
    this.pump();
    return untilSettled(Promise.all(promises), signal, () => this.cancelAbandoned());
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
        entry.worker.postMessage({ type: 'batch', id, contextKey: context.key, jobs: jobs.map((j) => ({ text: j.job.text, flavor: j.job.flavor, ...(j.stopped ? { skip: j.stopped.map((s) => s.rule) } : {}), ...(j.onEarly ? { early: true } : {}) })) });
      }
    }
  }

  /**
   * The rule the worker is running, when it runs a single chunk (read from the shared block). With `budgetMs` (a
   * timeout), only a rule that has itself used at least half the budget: a chunk whose parse ate the time is not
   * a rule's fault, and trying it again without one rule would only spend the budget once more.
   */
  private ruleRunning(entry: PoolWorker, budgetMs?: number): string | undefined {
    const running = entry.inFlight[0];
    if (!running || running.jobs.length !== 1 || Atomics.load(entry.shared, SLOT.batch) !== running.id) return undefined;
    if (budgetMs !== undefined && budgetMs - Atomics.load(entry.shared, SLOT.phaseAt) < budgetMs / 2) return undefined;
    return ruleOfPhase(Atomics.load(entry.shared, SLOT.phase), running.jobs[0].context);
  }

  private timedOut(entry: PoolWorker, id: number): void {
    if (entry.inFlight[0]?.id !== id) return;
    const index = this.workers.indexOf(entry);
    if (index === -1) return;
    // Which rule the worker is in (read before it is stopped): that rule is named and left out of a second try,
    // so the chunk's other rules still report. A stall in parsing itself stops the whole chunk, as before.
    const stalled = this.ruleRunning(entry, this.timeoutMs);
    // Take the worker out first so the 'exit' handler of the terminated one finds nothing to do.
    this.workers.splice(index, 1);
    this.settleLost(entry, (job) => {
      const stopped = job.stopped ?? [];
      if (stalled && !stopped.some((s) => s.rule === stalled) && stopped.length < MAX_RULES_STOPPED) return { ...job, solo: true, stopped: [...stopped, { rule: stalled }] };
      return guardedResult(job.job.text, guardFinding('timeout', job.context.locale, { ms: this.timeoutMs }));
    }, false);
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

/** The result with one finding per rule that was stopped on this chunk, naming it. */
function withStoppedRules(result: ChunkResult, pending: PendingJob, ms: number): ChunkResult {
  if (!pending.stopped?.length || result.guard) return result;
  const { locale } = pending.context;
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const said = pending.stopped.map((s) => (s.crash === undefined ? guardFinding('rule-timeout', locale, { rule: s.rule, ms }, range) : guardFinding('rule-failed', locale, { rule: s.rule, reason: s.crash }, range)));
  return { ...result, findings: [...said, ...result.findings] };
}

function failedResult(pending: PendingJob, reason: string): ChunkResult {
  return guardedResult(pending.job.text, guardFinding('failed', pending.context.locale, { reason }));
}
