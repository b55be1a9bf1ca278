// Benchmark of the external link checker against local servers (never the internet).
//
//   node --import tsx bench/links.mjs [--links 500] [--latency 10] [--slow-ms 150]
//
// Imports the TypeScript sources through tsx (no build needed). Starts HTTP servers on 127.0.0.1-4
// (two ports each; 127.0.0.1 only, with more ports, where 127.0.0.x aliases are unavailable), so the
// checker sees 4 host names / 8 origins. Every response waits `latency` ms like a remote server; 5 %
// of the pages are slow. The link mix: plain pages (HEAD), pages with a #fragment (GET + anchors),
// 301 redirects and 404s. Prints links/s for several concurrency settings, the most requests the
// servers saw in flight (overall and per host), then the time of a re-run served by the cache.
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { checkUrls, MemoryUrlCache, JsonFileUrlCache } from '../server/src/links/external/index.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LINKS = arg('links', 500);
const LATENCY = arg('latency', 10);
const SLOW_MS = arg('slow-ms', 150);

const canListen = (address) =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(0, address, () => s.close(() => resolve(true)));
  });

// Servers -------------------------------------------------------------------------------------
let inFlight = 0;
let maxInFlight = 0;
let requests = 0;
const hostInFlight = new Map();
const hostMax = new Map();
const resetCounters = () => {
  maxInFlight = 0;
  requests = 0;
  hostMax.clear();
};

const page = (n) => `<!doctype html><html><head><title>Page ${n}</title></head><body>
<h1 id="top-${n}">Page ${n}</h1>${'<p>GPU benchmark text. </p>'.repeat(40)}
<h2 id="section-${n}">Section</h2><h2 id="specs">Specs</h2></body></html>`;

function handler(req, res) {
  requests++;
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  const h = (hostInFlight.get(host) ?? 0) + 1;
  hostInFlight.set(host, h);
  hostMax.set(host, Math.max(hostMax.get(host) ?? 0, h));
  res.once('close', () => {
    inFlight--;
    hostInFlight.set(host, hostInFlight.get(host) - 1);
  });
  const m = /^\/(page|slow|moved|missing)\/(\d+)/.exec(req.url ?? '');
  const delay = m?.[1] === 'slow' ? SLOW_MS : LATENCY;
  const timer = setTimeout(() => {
    if (!m) {
      res.writeHead(404).end();
    } else if (m[1] === 'moved') {
      res.writeHead(301, { location: `/page/${m[2]}` }).end();
    } else if (m[1] === 'missing') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(m[2]));
    }
  }, delay);
  res.once('close', () => clearTimeout(timer));
}

const aliases = (await canListen('127.0.0.2')) ? ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'] : ['127.0.0.1'];
const portsPerHost = aliases.length > 1 ? 2 : 8;
const servers = [];
const origins = [];
for (const address of aliases) {
  for (let p = 0; p < portsPerHost; p++) {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 5000;
    await new Promise((resolve) => server.listen(0, address, resolve));
    servers.push(server);
    origins.push(`http://${address}:${server.address().port}`);
  }
}

// Links ----------------------------------------------------------------------------------------
const urls = [];
for (let i = 0; i < LINKS; i++) {
  const origin = origins[i % origins.length];
  const r = i % 20;
  if (r === 0) urls.push(`${origin}/slow/${i}`);
  else if (r < 5) urls.push(`${origin}/page/${i}#section-${i}`);
  else if (r === 5) urls.push(`${origin}/page/${i}#no-such-anchor`);
  else if (r < 8) urls.push(`${origin}/moved/${i}`);
  else if (r === 8) urls.push(`${origin}/missing/${i}`);
  else urls.push(`${origin}/page/${i}`);
}

const base = { allowPrivate: true, timeoutMs: 10_000, retries: 1, retryDelayMs: 100 };
const summarize = (results) => {
  const counts = {};
  for (const r of results.values()) {
    const k = r.fragmentMissing ? `${r.status}+missing-anchor` : r.status;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
};

console.log(`Benchpress link checker bench: ${urls.length} distinct links on ${aliases.length} host(s) / ${origins.length} origins, ${LATENCY} ms per response, 5 % at ${SLOW_MS} ms`);
console.log(`node ${process.version}, ${os.cpus().length} CPU(s)\n`);
console.log('concurrency  per-host  seconds   links/s  requests  max in flight (all / busiest host)');

const settings = [
  [1, 1],
  [4, 2],
  [16, 2],
  [16, 4],
  [32, 8],
  [64, 16],
];
let lastResults;
for (const [concurrency, perHostConcurrency] of settings) {
  resetCounters();
  const t = performance.now();
  lastResults = await checkUrls(urls, { ...base, concurrency, perHostConcurrency });
  const s = (performance.now() - t) / 1000;
  const busiest = Math.max(...hostMax.values());
  console.log(
    `${String(concurrency).padStart(11)}  ${String(perHostConcurrency).padStart(8)}  ${s.toFixed(2).padStart(7)}  ${(urls.length / s).toFixed(0).padStart(8)}  ${String(requests).padStart(8)}  ${String(maxInFlight).padStart(5)} / ${busiest}`,
  );
}
console.log(`\nresults: ${summarize(lastResults)}`);

// Cache ----------------------------------------------------------------------------------------
const memory = new MemoryUrlCache();
await checkUrls(urls, { ...base, concurrency: 32, perHostConcurrency: 8 }, { cache: memory });
resetCounters();
let t = performance.now();
const cachedResults = await checkUrls(urls, { ...base, concurrency: 32, perHostConcurrency: 8 }, { cache: memory });
const memMs = performance.now() - t;
const cachedCount = [...cachedResults.values()].filter((r) => r.cached).length;
console.log(`\ncached re-run (memory cache): ${memMs.toFixed(1)} ms, ${requests} requests, ${cachedCount} of ${urls.length} from the cache`);

const dir = await mkdtemp(path.join(os.tmpdir(), 'benchpress-bench-'));
try {
  const file = path.join(dir, 'links.json');
  await checkUrls(urls, { ...base, concurrency: 32, perHostConcurrency: 8 }, { cache: await JsonFileUrlCache.open(file) });
  resetCounters();
  t = performance.now();
  const cache = await JsonFileUrlCache.open(file);
  await checkUrls(urls, { ...base, concurrency: 32, perHostConcurrency: 8 }, { cache });
  console.log(`cached re-run (file cache, load + check + save): ${(performance.now() - t).toFixed(1)} ms, ${requests} requests (${cache.size} pages in the file)`);
  console.log('(transient failures are never cached; this mix has none, so a re-run sends nothing)');
} finally {
  await rm(dir, { recursive: true, force: true });
}

await Promise.all(servers.map((s) => new Promise((resolve) => { s.close(resolve); s.closeAllConnections(); })));
