// Preview renderings on a worker thread of their own. A long draft takes seconds to render (remark → rehype →
// sanitise, all of it at once: footnotes, reference definitions and heading ids span the whole draft), and the
// language server's main thread must go on answering hovers, code actions and checks meanwhile.
//
// One rendering at a time, in order. A newer rendering of the same document takes the place of one still waiting,
// whose caller gets `RenderSuperseded` (the editor asks again as the writer types; only the latest text is worth
// rendering). A rendering over its budget stops the worker and answers with a notice, as does a worker that dies
// (out of memory); the next rendering starts a fresh one. An idle worker is stopped: its memory counts against the
// server's.
import { Worker } from 'node:worker_threads';
import { unrenderedNotice, type RenderOptions, type RenderResult } from './render';
import type { RenderReply, RenderRequest } from './render-worker';

export class RenderSuperseded extends Error {
  constructor() {
    super('a newer version of the document is being rendered');
  }
}

export interface RenderThreadOptions {
  /** The worker's script: dist/preview-worker.js, or a bundle that runs `runPreviewWorker` when it is a worker. */
  script: string;
  /** A rendering that takes longer (from when the worker takes it up) is stopped and answered with a notice. */
  budgetMs?: number;
  /** The worker stops after this long without work. */
  idleMs?: number;
  /** Called when a worker has been started (the server restores its heap flags, see lsp/memory.ts). */
  onWorkerStarted?: () => void;
}

interface Job {
  id: number;
  /** Which document: a newer job for it replaces this one while it waits. */
  slot: string;
  text: string;
  options: RenderOptions;
  resolve: (result: RenderResult) => void;
  reject: (error: Error) => void;
}

const RENDER_BUDGET_MS = 15_000;
const IDLE_MS = 60_000;

export class RenderThread {
  private worker: Worker | undefined;
  private readonly waiting: Job[] = [];
  private running: { job: Job; timer?: NodeJS.Timeout } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: RenderThreadOptions) {}

  /** Renders `text` (of the document `slot`) on the worker. */
  render(slot: string, text: string, options: RenderOptions): Promise<RenderResult> {
    return new Promise((resolve, reject) => {
      if (this.disposed) return reject(new Error('the preview renderer was stopped'));
      for (let i = this.waiting.length - 1; i >= 0; i--) {
        if (this.waiting[i].slot !== slot) continue;
        this.waiting.splice(i, 1)[0].reject(new RenderSuperseded());
      }
      this.waiting.push({ id: this.nextId++, slot, text, options, resolve, reject });
      this.pump();
    });
  }

  /** Whether a worker is running (started on the first rendering, stopped when idle). */
  get started(): boolean {
    return this.worker !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    const stopped = () => new Error('the preview renderer was stopped');
    for (const job of this.waiting.splice(0)) job.reject(stopped());
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.job.reject(stopped());
      this.running = undefined;
    }
    this.stopWorker();
  }

  private pump(): void {
    if (this.running || this.waiting.length === 0) return;
    clearTimeout(this.idleTimer);
    const job = this.waiting.shift()!;
    this.running = { job };
    const request: RenderRequest = { id: job.id, text: job.text, options: job.options };
    const worker = this.ensureWorker();
    // A rendering in progress keeps the process alive (its caller waits for it); an idle worker does not.
    worker.ref();
    worker.postMessage(request);
  }

  /** Answers the running job (if it is still `id`) and goes on with the next; `stop` ends its worker first. */
  private finish(id: number, result: RenderResult, stop = false): void {
    if (this.running?.job.id !== id) return;
    const { job, timer } = this.running;
    clearTimeout(timer);
    this.running = undefined;
    if (stop) this.stopWorker();
    job.resolve(result);
    this.pump();
    if (!this.running) {
      this.worker?.unref();
      this.scheduleIdleStop();
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.script, {
      workerData: { benchpressPreview: true },
      // A draft that exhausts the worker's memory takes the worker down, not the server.
      resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
    worker.on('online', () => this.options.onWorkerStarted?.());
    worker.on('message', (reply: RenderReply) => {
      const running = this.running;
      if (running?.job.id !== reply.id) return;
      if ('started' in reply) {
        const budgetMs = this.options.budgetMs ?? RENDER_BUDGET_MS;
        running.timer = setTimeout(() => this.finish(reply.id, unrenderedNotice(running.job.options.locale, { timeoutMs: budgetMs }), true), budgetMs);
        return;
      }
      this.finish(reply.id, 'result' in reply ? reply.result : unrenderedNotice(running.job.options.locale, { stopped: reply.error }));
    });
    const lost = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.running) this.finish(this.running.job.id, unrenderedNotice(this.running.job.options.locale, { stopped: reason }));
    };
    worker.on('error', (error) => lost((error as Error)?.message ?? String(error)));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private scheduleIdleStop(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!this.running && this.waiting.length === 0) this.stopWorker();
    }, this.options.idleMs ?? IDLE_MS);
    this.idleTimer.unref?.();
  }
}
