// Preloaded by bench/run.mjs (`node --require bench/rusage.cjs …`) into the Node processes it times: at exit, adds a
// line with the process's CPU time (user, system; µs) and peak resident set size (KiB, getrusage's ru_maxrss: all
// threads, including worker threads) to $BENCH_RUSAGE_FILE. A process the timed one starts with the same Node
// options (`benchpress lint` starting itself again, cli/relaunch.ts) adds its own line: GNU time's %M is the largest
// single process's peak, while the two are alive at once.
const { appendFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const file = process.env.BENCH_RUSAGE_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    appendFileSync(file, `${r.userCPUTime} ${r.systemCPUTime} ${r.maxRSS}\n`);
  });
}
