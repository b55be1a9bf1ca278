import { isAnalyzerWorker, runAnalyzerWorker } from './core/worker';

if (isAnalyzerWorker()) runAnalyzerWorker();
else require('./lsp/main').startServer(__filename);
