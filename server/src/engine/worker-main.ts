// The entry of the analysis workers (dist/cli/worker.mjs for the CLI, dist/server-worker.js for the language
// server): the chunk analysis and nothing else.
import { runAnalyzerWorker } from './worker';

runAnalyzerWorker();
