// The messages the client and the server speak beyond standard LSP, in one place: every custom request and
// notification as a typed RequestType / NotificationType, the shapes they carry, and every command id. The client
// imports this file and nothing else of the server; the server's handlers are typed by it, so a change of shape
// on one side fails to compile on the other. It imports only vscode-jsonrpc (shared by both bundles), the Locale
// type and server-launch.json (how the client starts the server).
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { Locale } from './base/i18n';
import serverLaunch from './server-launch.json';

export type { Locale };

export interface PositionLike {
  line: number;
  character: number;
}

export interface TextEditLike {
  range: { start: PositionLike; end: PositionLike };
  newText: string;
}

/** Edits of one document version: the client applies them only if the document is still at that version. */
export interface DocumentEditResult {
  version: number;
  edits: TextEditLike[];
  /** What the edit changes, for a message to the writer. */
  summary: string[];
}

export interface UriParams {
  uri: string;
}

/** A request about the workspace a document belongs to (or the first workspace folder without one). */
export interface OptionalUriParams {
  uri?: string;
}

// -- New article and templates ----------------------------------------------------------------------------------

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  source: string;
}

export interface NewArticleParams extends OptionalUriParams {
  template: string;
  subject: string;
  lang: Locale;
  /** Today, as the writer's clock has it (YYYY-MM-DD): the front matter's date. */
  date: string;
}

export interface NewArticleResult {
  text: string;
  fileName: string;
}

// -- Links ------------------------------------------------------------------------------------------------------

export interface CheckLinksParams extends UriParams {
  /** Progress of the check is reported as `benchpress/progress` notifications with this id. */
  progressId?: string;
}

export interface CheckLinksResult {
  /** Links fetched or judged (not skipped, not cancelled). */
  checked: number;
  /** Answered with an error status or a missing anchor (401/403/429 included: see the verdicts for what that means). */
  broken: number;
  /** Redirect permanently. */
  redirected: number;
  /** Timeouts, DNS and network failures. */
  failed: number;
  cancelled: boolean;
  /** Verdicts: the link works; it is broken (404/410, no such host, a missing anchor, a failure confirmed by a later check); it could not be told. */
  alive: number;
  dead: number;
  unverified: number;
}

// -- GPU data ---------------------------------------------------------------------------------------------------

export interface GpuInfo {
  id: string;
  name: string;
  memoryGB: number | null;
  memoryType: string | null;
  architecture: string | null;
  segment: string | null;
  hasPrices: boolean;
}

export type TableKind = 'spec' | 'compare' | 'pricing' | 'cost';

export interface TableParams extends OptionalUriParams {
  kind: TableKind;
  gpus: string[];
  fields?: string[];
  /** The table's language; the draft's language when left out. */
  lang?: Locale;
  hours?: number;
  count?: number;
}

export type TextResult = { ok: true; text: string } | { ok: false; error: string };

export interface SmiTableParams extends OptionalUriParams {
  text: string;
  /** The table's language; the draft's language when left out. */
  lang?: Locale;
  fields?: string[];
}

export type SmiTableResult = { ok: true; text: string; gpus: number } | { ok: false; error: string };

export interface RefreshPricesParams extends OptionalUriParams {
  /** From the client's secret storage; never stored or logged by the server. */
  apiKey: string;
  progressId?: string;
  /**
   * For tests and proxies: the RunPod API origin (`https://api.runpod.io`); the REST v2 catalog (`/v2/catalog/gpus`)
   * and GraphQL (`/graphql`) paths are derived from it. Not a setting, so a draft's workspace cannot redirect the key.
   */
  baseUrl?: string;
}

export type RefreshPricesResult =
  | {
      ok: true;
      prices: number;
      changes: string[];
      saved?: string;
      asOf: string;
      /** The API that answered: the REST v2 catalog, or GraphQL when the catalog route was missing or unusable. */
      api?: 'rest-v2' | 'graphql';
      /** RunPod GPU type ids Benchpress has no data for (left out of the prices). */
      unknownIds?: string[];
    }
  | { ok: false; error: string; kind: string };

// -- Topic heat -------------------------------------------------------------------------------------------------

export interface TopicReportParams {
  /** The workspace folder to report on (absolute path); the first workspace folder when left out. */
  root?: string;
}

export interface TopicEntry {
  topic: string;
  rank: number;
  heat: number;
  relevance: number | null;
  views: number | null;
  status: string | null;
  drafts: string[];
}

export interface TopicReport {
  topics: TopicEntry[];
  uncovered: string[];
  rotation: { file: string; previous: string; topic: string }[];
}

export interface WorkspaceTopicReport extends TopicReport {
  /** Drafts read. */
  files: number;
}

// -- Preview ----------------------------------------------------------------------------------------------------

export interface PreviewParams extends UriParams {
  /** UI language of the panel (`vscode.env.language`); notices and footnote labels follow it. */
  locale?: string;
}

export type ChecklistGroup = 'data' | 'practical' | 'visual';

export interface ChecklistItem {
  id: string;
  group: ChecklistGroup;
  label: { en: string; zh: string };
  done: boolean;
  /** What was found (or what to add), in both languages. */
  detail?: { en: string; zh: string };
  /** 0-based line of the evidence found, for "go to". */
  line?: number;
}

export interface TemplateProgress {
  id: string;
  name: string;
  /** Section names found in the draft, in template order. */
  present: string[];
  /** Required section names not found, in template order. */
  missing: string[];
  /** How the template was chosen: front matter, the setting, or detected from the draft. */
  reason: 'front-matter' | 'setting' | 'detected';
}

export interface TopicHeat {
  topic: string;
  heat: number;
  /** `1.1K` style. */
  heatLabel: string;
  /** The table's status marker (🔶, 🟢, …) or ''. */
  status: string;
  statusLabel?: { en: string; zh: string };
  /** The draft covers the topic (score ≥ the coverage threshold), rather than mentioning it in passing. */
  covered: boolean;
  score: number;
}

export interface DraftStats {
  words: { cjk: number; latin: number; total: number };
  readingMinutes: number;
  counts: { headings: number; tables: number; codeBlocks: number; images: number; links: number };
  checklist: ChecklistItem[];
  template?: TemplateProgress;
  topics: TopicHeat[];
  language: Locale;
  title?: string;
}

export interface PreviewPayload {
  /** Sanitised HTML body; block elements carry `data-line` (0-based source lines). */
  html: string;
  /** Source lines that have an element in `html`, ascending. */
  lineMap: number[];
  /** Absent when the draft could not be checked (binary, too large). */
  stats?: DraftStats;
  /** The document version the payload was made from (the client applies only newer ones). */
  version: number;
  /** Why part of the draft is not shown, if it is not. */
  notices?: string[];
}

// -- Notifications ----------------------------------------------------------------------------------------------

export interface DocumentStatus {
  uri: string;
  version: number;
  template?: { id: string; name: string; reason: 'front-matter' | 'setting' | 'detected' };
  errors: number;
  warnings: number;
  infos: number;
}

export interface ProgressParams {
  progressId: string;
  done: number;
  total: number;
  message?: string;
}

// -- Initialization -----------------------------------------------------------------------------------------------

/** What the client tells the server in `initialize` (`initializationOptions`). Every field is optional: a client
 *  that sends nothing (another editor, the tests) gets every feature, online. */
export interface InitializationOptions {
  /** A folder the server may write its caches to (the link-check cache). */
  storagePath?: string;
  /** Language ids of the documents for which the editor has its own Markdown language features (outline, link,
   *  path, anchor and reference completions): Benchpress does not offer those a second time there. VS Code sends
   *  `["markdown"]`; an MDX draft still gets Benchpress's. */
  builtinMarkdownLanguages?: string[];
  /** `false` in an untrusted workspace (VS Code's Restricted Mode): drafts are checked, but nothing goes over the
   *  network whatever the editor settings or `.benchpress/config.json` say. The client restarts the server when
   *  the workspace is trusted. */
  workspaceTrusted?: boolean;
}

// -- Launch -----------------------------------------------------------------------------------------------------

/**
 * Environment the client starts the server process with (on top of its own), read by glibc's allocator on Linux
 * and ignored elsewhere. The server parses on every edit on two threads, and glibc by default gives each thread
 * that allocates its own arena (up to eight per core), each holding on to what was freed in it: two arenas cut the
 * server's resident memory by some 15–35 MB in the benchmark. glibc also raises its trim and mmap thresholds each
 * time a large block is freed, so that after a while little of what is freed goes back to the system; fixing both
 * at their starting 128 KB keeps them there: 140, 145, 147 and 162 MB after 10,000 edits in four benchmark runs,
 * against 158, 163 and 167 MB without, for about 4 % more CPU per edit (a lower trim threshold, tried before, gave
 * back more but cost a third more CPU per edit).
 * bench/run.mjs starts the server with the same environment and Node options; a JSON file so the benchmark can read
 * them too.
 */
export const SERVER_PROCESS_ENV: Record<string, string> = serverLaunch.env;

/**
 * Node options the client starts the server with: one V8 helper thread instead of Node's four. The server's own two
 * threads (the protocol and one analysis worker) do little per edit, and V8's helpers compiling the code that turns
 * hot in the first few hundred edits took more CPU than both of them (13 ms per edit on a 5,000-line draft, two
 * cores); with one helper, edit → diagnostics took a tenth to a fifth less at the median and p95, and opening the
 * draft a fifth less (bench/run.mjs, edit path). And a young generation of 2 MB semi-spaces (V8 starts at 1 MB; the
 * server keeps it at its starting size, see lsp/memory.ts): with 1 MB, a check's objects outlived two scavenges and
 * moved to the old generation, a third more of it per edit (415 KB against 225 KB on the bench's real-posts draft),
 * and the heap keeper's full collections came every 33 edits instead of every 50 or so; 4 MB did no better.
 */
export const SERVER_EXEC_ARGV: readonly string[] = serverLaunch.execArgv;

// -- The messages -----------------------------------------------------------------------------------------------

export const Requests = {
  /** Templates a new article can use: built-in and the workspace's. */
  templates: new RequestType<OptionalUriParams, TemplateInfo[], void>('benchpress/templates'),
  /** The text of a new article. */
  newArticle: new RequestType<NewArticleParams, NewArticleResult, void>('benchpress/newArticle'),
  /** Topic-heat report for a workspace folder (tree view). */
  topicReport: new RequestType<TopicReportParams, WorkspaceTopicReport, void>('benchpress/topicReport'),
  /** Check the external links of a document now (progress and cancellation through the request). */
  checkLinks: new RequestType<CheckLinksParams, CheckLinksResult, void>('benchpress/checkLinks'),
  /** An edit that regenerates the contents list of a document. */
  regenerateToc: new RequestType<UriParams, DocumentEditResult | null, void>('benchpress/regenerateToc'),
  /** The GPUs Benchpress has data for (quick picks). */
  gpus: new RequestType<OptionalUriParams, GpuInfo[], void>('benchpress/gpus'),
  /** A spec, comparison, pricing or cost table in the document's language. */
  table: new RequestType<TableParams, TextResult, void>('benchpress/table'),
  /** Edits that refresh every data table of a document, with what changed. */
  refreshTables: new RequestType<UriParams, DocumentEditResult | null, void>('benchpress/refreshTables'),
  /** Fetch live prices (the client passes the API key from its secret storage). */
  refreshPrices: new RequestType<RefreshPricesParams, RefreshPricesResult, void>('benchpress/refreshPrices'),
  /** A Markdown table from nvidia-smi output. */
  smiTable: new RequestType<SmiTableParams, SmiTableResult, void>('benchpress/smiTable'),
  /** Edits that expand `{{gpu:…}}` tokens in a document. */
  expandTokens: new RequestType<UriParams, DocumentEditResult | null, void>('benchpress/expandTokens'),
  /** Rendered HTML and statistics for the preview panel (null for a document the server does not have open). */
  preview: new RequestType<PreviewParams, PreviewPayload | null, void>('benchpress/preview'),
} as const;

export const Notifications = {
  /** After each check: the template a document follows and its problem counts (status bar). */
  documentStatus: new NotificationType<DocumentStatus>('benchpress/documentStatus'),
  /** Progress of a long request that carries a `progressId` (the client shows it, with cancellation). */
  progress: new NotificationType<ProgressParams>('benchpress/progress'),
} as const;

/** Commands the server runs (`workspace/executeCommand`). */
export const ServerCommands = {
  fixAll: 'benchpress.server.fixAll',
} as const;

export interface FixAllResult {
  applied: boolean;
  count?: number;
}

/** Every command the client registers (and package.json contributes); the server names some in lenses and actions. */
export const ClientCommands = {
  newArticle: 'benchpress.newArticle',
  showPreview: 'benchpress.showPreview',
  regenerateToc: 'benchpress.regenerateToc',
  checkLinks: 'benchpress.checkLinks',
  fixAll: 'benchpress.fixAll',
  setRunPodApiKey: 'benchpress.setRunPodApiKey',
  clearRunPodApiKey: 'benchpress.clearRunPodApiKey',
  showTopicHeat: 'benchpress.showTopicHeat',
  refreshTopicHeat: 'benchpress.refreshTopicHeat',
  insertSpecTable: 'benchpress.insertSpecTable',
  insertComparisonTable: 'benchpress.insertComparisonTable',
  insertPricingTable: 'benchpress.insertPricingTable',
  insertCostEstimate: 'benchpress.insertCostEstimate',
  refreshTables: 'benchpress.refreshTables',
  expandTokens: 'benchpress.expandTokens',
  importNvidiaSmi: 'benchpress.importNvidiaSmi',
  refreshPrices: 'benchpress.refreshPrices',
  /** Internal (not in the palette): applies a snippet edit from a code action. */
  applySnippet: 'benchpress.applySnippet',
} as const;

export type ClientCommandId = (typeof ClientCommands)[keyof typeof ClientCommands];

/** The tree view of topic heat. */
export const TOPICS_VIEW_ID = 'benchpress.topics';
