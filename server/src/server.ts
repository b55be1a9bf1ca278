// `node dist/server.js --stdio`: the language server. Its analysis workers run dist/server-worker.js, a bundle of
// the chunk analysis alone (a worker that loaded the whole server would hold its code for nothing).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isAnalyzerWorker, runAnalyzerWorker } from './engine/worker';
import { keepYoungGenerationSmall } from './lsp/memory';

if (isAnalyzerWorker()) runAnalyzerWorker();
else {
  // Before the server loads (see lsp/memory.ts).
  keepYoungGenerationSmall();
  const slim = path.join(__dirname, 'server-worker.js');
  require('./lsp/main').startServer(existsSync(slim) ? slim : __filename);
}
