// The entry of the language server's preview worker (dist/preview-worker.js): the renderer and nothing else.
import { runPreviewWorker } from './render-worker';

runPreviewWorker();
