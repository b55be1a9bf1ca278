// Preloaded by bench/run.mjs (`node --require bench/rusage.cjs …`) into the Node processes it times when
// /usr/bin/time is not installed: at exit, writes the process's CPU time (user, system; µs) and peak resident
// set size (KiB, getrusage's ru_maxrss: all threads, including worker threads) to $BENCH_RUSAGE_FILE.
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const file = process.env.BENCH_RUSAGE_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    writeFileSync(file, `${r.userCPUTime} ${r.systemCPUTime} ${r.maxRSS}\n`);
  });
}
