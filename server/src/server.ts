import { isAnalyzerWorker, runAnalyzerWorker } from './engine/worker';

if (isAnalyzerWorker()) runAnalyzerWorker();
else require('./lsp/main').startServer(__filename);
