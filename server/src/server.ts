// `node dist/server.js --stdio`: the language server. Its analysis workers run dist/server-worker.js, a bundle of
// the chunk analysis alone, and its preview renders on dist/preview-worker.js, the renderer alone (a worker that
// loaded the whole server would hold its code for nothing). Without those bundles, this one serves as both.
// Each part is loaded only where it runs: the server's thread does not load the analysis for nothing either.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isAnalyzerWorker, isPreviewWorker } from './base/worker-role';
import { keepYoungGenerationSmall } from './lsp/memory';

if (isAnalyzerWorker()) require('./engine/worker').runAnalyzerWorker();
else if (isPreviewWorker()) require('./preview/render-worker').runPreviewWorker();
else {
  // Before the server loads (see lsp/memory.ts).
  keepYoungGenerationSmall();
  const bundled = (name: string) => (existsSync(path.join(__dirname, name)) ? path.join(__dirname, name) : __filename);
  require('./lsp/main').startServer({ analysis: bundled('server-worker.js'), preview: bundled('preview-worker.js') });
}
