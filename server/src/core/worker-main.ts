// Entry point of analysis workers when running from TypeScript sources (tests); the bundles start workers from
// themselves instead.
import { runAnalyzerWorker } from './worker';

runAnalyzerWorker();
