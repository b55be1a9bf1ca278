// Summarises V8 .cpuprofile files (from `node --cpu-prof`, one per thread) for the benchmark report: self time
// by function and by source module, with bundle positions mapped back to the original sources through the
// bundle's source map (dist/cli.js.map), so "compile dist/cli.js:22171" reads "compile
// mdast-util-from-markdown/lib/index.js".
//
//   node bench/profile-summary.mjs [--map dist/cli.js.map] [--top 25] FILE.cpuprofile…
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { decodeSegment } from '../scripts/source-map-vlq.mjs';

/** Decodes a source map's mappings into, per generated line, sorted [column, sourceIndex, line] triples. */
function decodeMappings(mappings) {
  const lines = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const lineText of mappings.split(';')) {
    const segs = [];
    let col = 0;
    if (lineText) {
      for (const seg of lineText.split(',')) {
        const values = decodeSegment(seg);
        col += values[0];
        if (values.length >= 4) {
          src += values[1];
          srcLine += values[2];
          srcCol += values[3];
          segs.push([col, src, srcLine]);
        }
      }
    }
    lines.push(segs);
  }
  return lines;
}

export function loadSourceMap(file) {
  try {
    const map = JSON.parse(readFileSync(file, 'utf8'));
    const lines = decodeMappings(map.mappings);
    const sources = map.sources.map((s) => path.normalize(s).replace(/^(\.\.\/)+/, ''));
    return {
      /** The original source (and 1-based line) of a 0-based bundle position, or undefined. */
      lookup(line, column) {
        const segs = lines[line];
        if (!segs || segs.length === 0) return undefined;
        let lo = 0;
        let hi = segs.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (segs[mid][0] <= column) lo = mid;
          else hi = mid - 1;
        }
        const seg = segs[lo];
        return { source: sources[seg[1]], line: seg[2] + 1 };
      },
    };
  } catch {
    return undefined;
  }
}

/** "node_modules/micromark-core-commonmark/lib/x.js" → "micromark-core-commonmark"; own files stay as they are. */
export function moduleOf(source) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return m ? m[1] : source;
}

/**
 * `window`: [startUs, endUs] on the monotonic clock of `process.hrtime.bigint() / 1000n` (the clock V8 stamps
 * profiles with on Linux), to keep only the samples taken in that interval.
 */
export function summarizeProfiles(files, { top = 20, map, window } = {}) {
  const given = map ? loadSourceMap(map) : undefined;
  // Besides the map given, each script's own `<script>.map` beside it (the CLI is split into ES module chunks,
  // each with its map), looked up once per script.
  const maps = new Map();
  const mapOf = (url) => {
    if (!url) return undefined;
    if (given && url.endsWith(path.basename(map, '.map'))) return given;
    if (!maps.has(url)) {
      let file;
      try {
        file = url.startsWith('file:') ? fileURLToPath(url) : path.isAbsolute(url) ? url : undefined;
      } catch {
        file = undefined;
      }
      maps.set(url, file && /\.(m?js|cjs)$/.test(file) && existsSync(`${file}.map`) ? loadSourceMap(`${file}.map`) : undefined);
    }
    return maps.get(url);
  };
  const self = new Map();
  const modules = new Map();
  /** Inclusive time of the project's own functions (server/src, client/src), each counted once per sample. */
  const own = new Map();
  const threads = [];
  let totalMs = 0;
  let idleMs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8'));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const perNode = new Map();
    let threadTotal = 0;
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const ownName = new Map();
    const ownNameOf = (id) => {
      if (ownName.has(id)) return ownName.get(id);
      const frame = nodes.get(id).callFrame;
      let name;
      const sourceMap = mapOf(frame.url);
      if (sourceMap) {
        const original = sourceMap.lookup(frame.lineNumber, frame.columnNumber);
        if (original && !original.source.includes('node_modules')) name = `${frame.functionName || '(anonymous)'}  ${original.source}:${original.line}`;
      }
      ownName.set(id, name);
      return name;
    };
    let clock = profile.startTime;
    profile.samples.forEach((id, i) => {
      clock += profile.timeDeltas[i];
      if (window && (clock < window[0] || clock > window[1])) return;
      const us = profile.timeDeltas[i] > 0 ? profile.timeDeltas[i] : 0;
      perNode.set(id, (perNode.get(id) ?? 0) + us);
      threadTotal += us;
      const seen = new Set();
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const name = ownNameOf(cur);
        if (name && !seen.has(name)) {
          seen.add(name);
          own.set(name, (own.get(name) ?? 0) + us / 1000);
        }
      }
    });
    let threadIdle = 0;
    let threadGc = 0;
    for (const [id, us] of perNode) {
      const frame = nodes.get(id).callFrame;
      const ms = us / 1000;
      if (frame.functionName === '(idle)') {
        threadIdle += ms;
        continue;
      }
      if (frame.functionName === '(garbage collector)') threadGc += ms;
      let where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
      let mod = frame.url ? (frame.url.startsWith('node:') || !frame.url.includes('/') ? 'node internals' : path.basename(frame.url)) : frame.functionName;
      const sourceMap = mapOf(frame.url);
      if (sourceMap) {
        const original = sourceMap.lookup(frame.lineNumber, frame.columnNumber);
        if (original) {
          where = `${original.source.replace(/^.*node_modules\//, '')}:${original.line}`;
          mod = moduleOf(original.source);
        }
      }
      const key = `${frame.functionName || '(anonymous)'}  ${where}`.trim();
      self.set(key, (self.get(key) ?? 0) + ms);
      modules.set(mod, (modules.get(mod) ?? 0) + ms);
    }
    const name = /\.(\d+)\.\d+\.cpuprofile$/.exec(file)?.[1];
    threads.push({ name: name === '0' ? 'main' : `worker ${name ?? '?'}`, file: path.basename(file), totalMs: threadTotal / 1000, idleMs: threadIdle, gcMs: threadGc });
    totalMs += threadTotal / 1000;
    idleMs += threadIdle;
  }
  const busy = totalMs - idleMs;
  const rank = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms, pct: (100 * ms) / busy }));
  return { totalMs, idleMs, busyMs: busy, threads, self: rank(self), modules: rank(modules), ownInclusive: rank(own) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const take = (name) => {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const map = take('map');
  const top = Number(take('top') ?? 25);
  const s = summarizeProfiles(args, { top, map });
  console.log(`${s.threads.length} threads, ${s.totalMs.toFixed(0)} ms sampled, ${s.idleMs.toFixed(0)} ms idle, ${s.busyMs.toFixed(0)} ms busy`);
  for (const t of s.threads) console.log(`  ${t.name}: ${t.totalMs.toFixed(0)} ms, idle ${t.idleMs.toFixed(0)} ms, GC ${t.gcMs.toFixed(0)} ms`);
  console.log('self time by function:');
  for (const f of s.self) console.log(`  ${f.ms.toFixed(0).padStart(6)} ms ${f.pct.toFixed(1).padStart(5)}%  ${f.name}`);
  console.log('self time by module:');
  for (const f of s.modules) console.log(`  ${f.ms.toFixed(0).padStart(6)} ms ${f.pct.toFixed(1).padStart(5)}%  ${f.name}`);
  console.log("inclusive time of the project's own functions:");
  for (const f of s.ownInclusive) console.log(`  ${f.ms.toFixed(0).padStart(6)} ms ${f.pct.toFixed(1).padStart(5)}%  ${f.name}`);
}
