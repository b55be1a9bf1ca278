// The entry of the CLI's analysis workers (dist/cli/worker.mjs): the chunk analysis and nothing else.
import { runAnalyzerWorker } from './worker';

runAnalyzerWorker();
