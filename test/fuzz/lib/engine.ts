// The fuzz loop shared by `npm run fuzz` (run.ts) and the short seeded run inside `npm test` (fuzz.test.ts):
// cases from a master seed (the same cases in the same order whatever the number of lanes), through `lanes`
// servers side by side (each case to one of them; a new server every `serverBatch` cases) and the CLI in batches
// of `cliBatch` files per process, run in the background while the lanes go on; each new failure is shrunk, saved
// as a regression fixture and reported with its seed.
import { Rng } from './prng';
import { Sources, generateDocument, generateEdits, applyOffsetEdit } from './generate';
import { FuzzServer, checkLspCase, type Failure, type LspCase } from './lsp-check';
import { checkCliBatch, type CliCase } from './cli-check';
import { shrinkText, ddmin, type Budget } from './shrink';
import { saveFixture, knownSignatures, knownCause, type Fixture } from './fixtures';

export interface FuzzOptions {
  seed: number;
  count: number;
  /** Start at this document of the master seed's sequence (continues an earlier run: `--skip` its count). */
  skip?: number;
  /** Documents per server (a new server for each batch). */
  serverBatch?: number;
  /** Documents per CLI run. */
  cliBatch?: number;
  /** Servers checking cases side by side (1 by default). */
  lanes?: number;
  /** Stop starting new documents after this long. */
  timeLimitMs?: number;
  /** Shrinking budget per distinct failure (0 = save unshrunk). */
  shrinkMs?: number;
  save?: boolean;
  cli?: boolean;
  /** Fresh checks close and reopen the same document (see FuzzServer.reopen). */
  reopen?: boolean;
  log?: (line: string) => void;
}

export interface FoundFailure extends Failure {
  kind: 'lsp' | 'cli';
  /** The case's own seed (`npm run fuzz -- --case SEED` replays it). */
  caseSeed: number;
  index: number;
  /** Occurrences in this run. */
  count: number;
  /** Case seeds of the first few occurrences (the first one included), for triage. */
  seeds: number[];
  known?: string;
  fixture?: string;
  size?: number;
}

export interface FuzzReport {
  seed: number;
  documents: number;
  ms: number;
  /** Of `ms`, the time spent shrinking new failures. */
  shrinkMs: number;
  failures: FoundFailure[];
}

export function makeCase(caseSeed: number, sources: Sources): { lsp: LspCase; cli: CliCase } {
  const rng = new Rng(caseSeed);
  const { text } = generateDocument(rng, sources);
  const ext = rng.chance(0.08) ? 'mdx' : 'md';
  const count = rng.weighted([[2, 0], [3, rng.int(1, 5)], [3, rng.int(5, 25)], [1, rng.int(25, 80)]] as const);
  const edits = generateEdits(rng, text, sources, count);
  const finalText = edits.reduce((t, e) => applyOffsetEdit(t, e).text, text);
  return { lsp: { ext, initial: text, edits, requestSeed: rng.u32() }, cli: { ext, text: finalText } };
}

export async function prepareSources(server: FuzzServer): Promise<Sources> {
  const sources = new Sources();
  for (const article of await server.newArticles()) sources.addTemplate(article);
  return sources;
}

/** Shrinks an LSP case while it fails with `signature`. */
export async function shrinkLspCase(server: FuzzServer, c: LspCase, signature: string, budget: Budget): Promise<LspCase> {
  const fails = async (x: LspCase) => (await checkLspCase(server, x)).some((f) => f.signature === signature);
  let current = c;
  // Without edits at all (the final text opened as is)?
  const final = c.edits.reduce((t, e) => applyOffsetEdit(t, e).text, c.initial);
  if (c.edits.length > 0 && budget.evaluations-- > 0 && (await fails({ ...c, initial: final, edits: [] }))) current = { ...c, initial: final, edits: [] };
  if (current.edits.length > 0) current = { ...current, edits: await ddmin(current.edits, (edits) => fails({ ...current, edits }), budget) };
  current = { ...current, initial: await shrinkText(current.initial, (initial) => fails({ ...current, initial }), budget) };
  if (current.edits.length > 0) current = { ...current, edits: await ddmin(current.edits, (edits) => fails({ ...current, edits }), budget) };
  return current;
}

export async function shrinkCliCase(c: CliCase, signature: string, budget: Budget): Promise<CliCase> {
  const fails = async (text: string) => ((await checkCliBatch([{ ...c, text }])).get(0) ?? []).some((f) => f.signature === signature);
  return { ...c, text: await shrinkText(c.text, fails, budget) };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const serverBatch = options.serverBatch ?? 200;
  const cliBatch = options.cliBatch ?? 40;
  const lanes = Math.max(1, options.lanes ?? 1);
  const known = knownSignatures();
  const master = new Rng(options.seed);
  const started = Date.now();
  const found = new Map<string, FoundFailure>();
  const newServer = () => Object.assign(new FuzzServer(), { reopen: options.reopen ?? false });
  const firstServer = newServer();
  const sources = await prepareSources(firstServer);
  let pendingCli: { index: number; caseSeed: number; c: CliCase }[] = [];
  let documents = 0;
  /** Documents whose CLI batch is done (the CLI runs behind the servers). */
  let cliDocuments = 0;
  let shrinkMs = 0;

  const record = async (kind: 'lsp' | 'cli', failures: Failure[], index: number, caseSeed: number, server?: FuzzServer, lspCase?: LspCase, cliCase?: CliCase) => {
    for (const f of failures) {
      const seen = found.get(`${kind}:${f.signature}`);
      if (seen) {
        seen.count++;
        if (seen.seeds.length < 8 && !seen.seeds.includes(caseSeed)) seen.seeds.push(caseSeed);
        continue;
      }
      const entry: FoundFailure = { ...f, kind, caseSeed, index, count: 1, seeds: [caseSeed], known: knownCause(f.signature, known) };
      found.set(`${kind}:${f.signature}`, entry);
      log(`FAIL #${index} seed ${caseSeed} [${kind}] ${f.signature}${entry.known ? ' (known: ' + entry.known + ')' : ''}\n  ${f.detail.slice(0, 600).replace(/\n/g, '\n  ')}`);
      if (entry.known || options.save === false) continue;
      const budget: Budget = { deadline: Date.now() + (options.shrinkMs ?? 120_000), evaluations: options.shrinkMs === 0 ? 0 : 400 };
      let fixture: Fixture;
      const shrinkStarted = Date.now();
      if (kind === 'lsp') {
        const shrunk = options.shrinkMs === 0 ? lspCase! : await shrinkLspCase(server!, lspCase!, f.signature, budget);
        fixture = { kind, signature: f.signature, symptom: f.detail.slice(0, 2000), seed: caseSeed, case: shrunk };
        entry.size = shrunk.initial.length;
      } else {
        const shrunk = options.shrinkMs === 0 ? cliCase! : await shrinkCliCase(cliCase!, f.signature, budget);
        fixture = { kind, signature: f.signature, symptom: f.detail.slice(0, 2000), seed: caseSeed, case: shrunk };
        entry.size = shrunk.text.length;
      }
      shrinkMs += Date.now() - shrinkStarted;
      entry.fixture = saveFixture(fixture);
      log(`  shrunk to ${entry.size} chars → ${entry.fixture}`);
    }
  };

  // The CLI: one batch at a time in the background. Cases wait for it in pendingCli; when two batches' worth are
  // waiting, the lanes wait for the running batch (so a slow CLI slows the run down instead of piling up cases).
  let cliRunning: Promise<void> | undefined;
  let cliError: unknown;
  const startCli = () => {
    if (cliRunning || pendingCli.length === 0 || options.cli === false) return;
    const batch = pendingCli.slice(0, cliBatch);
    pendingCli = pendingCli.slice(batch.length);
    cliRunning = (async () => {
      const results = await checkCliBatch(batch.map((b) => b.c));
      cliDocuments += batch.length;
      for (const [i, failures] of results) await record('cli', failures, batch[i].index, batch[i].caseSeed, undefined, undefined, batch[i].c);
    })()
      .catch((error) => {
        cliError ??= error;
      })
      .finally(() => {
        cliRunning = undefined;
        if (pendingCli.length >= cliBatch) startCli();
      });
  };
  const afterCase = async () => {
    if (options.cli === false) {
      pendingCli = [];
      return;
    }
    if (pendingCli.length >= cliBatch) startCli();
    while (cliRunning && pendingCli.length >= 2 * cliBatch) await cliRunning;
  };
  const drainCli = async () => {
    while (options.cli !== false && (cliRunning || pendingCli.length > 0)) {
      startCli();
      await cliRunning;
    }
  };

  let nextIndex = Math.max(0, options.skip ?? 0);
  for (let i = 0; i < nextIndex; i++) master.u32();
  const nextCase = () => {
    if (nextIndex >= options.count) return undefined;
    if (options.timeLimitMs !== undefined && Date.now() - started > options.timeLimitMs) return undefined;
    return { index: nextIndex++, caseSeed: master.u32() };
  };
  const progressEvery = (n: number) => (n <= 1000 ? 50 : 1000);

  const lane = async (first: FuzzServer) => {
    let server = first;
    let served = 0;
    try {
      for (let next = nextCase(); next; next = nextCase()) {
        const { index, caseSeed } = next;
        const { lsp, cli } = makeCase(caseSeed, sources);
        await record('lsp', await checkLspCase(server, lsp), index, caseSeed, server, lsp);
        pendingCli.push({ index, caseSeed, c: cli });
        documents++;
        if (documents % progressEvery(documents) === 0) log(`${documents} documents through the servers (${cliDocuments} through the CLI), ${((documents / (Date.now() - started - shrinkMs)) * 60000).toFixed(0)}/min (shrinking apart), ${found.size} distinct failures, ${new Date().toISOString().slice(11, 19)} UTC`);
        await afterCase();
        if (++served % serverBatch === 0) {
          const code = await server.dispose();
          if (code !== 0) await record('lsp', [{ signature: 'server-exit-code', detail: `the server exited with ${code} after shutdown` }], index, caseSeed, server, lsp);
          server = newServer();
        }
      }
    } finally {
      await server.dispose();
    }
  };

  try {
    await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i === 0 ? firstServer : newServer())));
  } finally {
    await firstServer.dispose();
    await drainCli();
  }
  if (cliError) throw cliError;
  return { seed: options.seed, documents, ms: Date.now() - started, shrinkMs, failures: [...found.values()] };
}

/** One case by its own seed (for `--case`). */
export async function replayCase(caseSeed: number): Promise<{ lsp: Failure[]; cli: Failure[] }> {
  const server = new FuzzServer();
  try {
    const sources = await prepareSources(server);
    const { lsp, cli } = makeCase(caseSeed, sources);
    return { lsp: await checkLspCase(server, lsp), cli: (await checkCliBatch([cli])).get(0) ?? [] };
  } finally {
    await server.dispose();
  }
}
