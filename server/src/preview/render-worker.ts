// The body of the preview's worker thread: renders drafts (render.ts) one message at a time. The language server
// renders here so that seconds spent on a long draft never hold up its main thread (render-thread.ts).
import { parentPort } from 'node:worker_threads';
import { renderHtml, type RenderOptions, type RenderResult } from './render';

export interface RenderRequest {
  id: number;
  text: string;
  options: RenderOptions;
}

/** `started` when the worker takes a request up (its budget counts from then, not from the worker's start). */
export type RenderReply = { id: number; started: true } | { id: number; result: RenderResult } | { id: number; error: string };

export function runPreviewWorker(): void {
  parentPort!.on('message', ({ id, text, options }: RenderRequest) => {
    parentPort!.postMessage({ id, started: true } satisfies RenderReply);
    let reply: RenderReply;
    try {
      reply = { id, result: renderHtml(text, options) };
    } catch (error) {
      // renderHtml answers every text with HTML or a notice; this is for what it cannot foresee (out of memory).
      reply = { id, error: (error as Error)?.message ?? String(error) };
    }
    parentPort!.postMessage(reply);
  });
}
