// The messages the client and the server speak beyond standard LSP: names and payload types, in one place.
// Plain TypeScript with no imports, so both bundles can use it.

export const Requests = {
  /** Templates a new article can use: built-in and the workspace's. */
  templates: 'benchpress/templates',
  /** The text of a new article. */
  newArticle: 'benchpress/newArticle',
  /** Topic-heat report for the workspace (tree view). */
  topicReport: 'benchpress/topicReport',
  /** Check the external links of a document now (progress and cancellation through the request). */
  checkLinks: 'benchpress/checkLinks',
  /** An edit that regenerates the contents list of a document. */
  regenerateToc: 'benchpress/regenerateToc',
  /** The GPUs Benchpress has data for (quick picks). */
  gpus: 'benchpress/gpus',
  /** A spec, comparison, pricing or cost table in the document's language. */
  table: 'benchpress/table',
  /** Edits that refresh every data table of a document, with what changed. */
  refreshTables: 'benchpress/refreshTables',
  /** Fetch live prices (the client passes the API key from its secret storage). */
  refreshPrices: 'benchpress/refreshPrices',
  /** A Markdown table from nvidia-smi output. */
  smiTable: 'benchpress/smiTable',
  /** Edits that expand `{{gpu:…}}` tokens in a document. */
  expandTokens: 'benchpress/expandTokens',
  /** Rendered HTML and statistics for the preview panel. */
  preview: 'benchpress/preview',
} as const;

export const Notifications = {
  /** After each check: the template a document follows and its problem counts (status bar). */
  documentStatus: 'benchpress/documentStatus',
  /** Progress of a long request that carries a `progressId` (the client shows it, with cancellation). */
  progress: 'benchpress/progress',
} as const;

export interface ProgressParams {
  progressId: string;
  done: number;
  total: number;
  message?: string;
}

/** Commands the server asks the client to run (from code actions and lenses). */
export const ClientCommands = {
  applySnippet: 'benchpress.applySnippet',
  showTopicHeat: 'benchpress.showTopicHeat',
  refreshTables: 'benchpress.refreshTables',
  insertSpecTable: 'benchpress.insertSpecTable',
} as const;

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  source: string;
}

export interface NewArticleParams {
  template: string;
  subject: string;
  lang: 'zh-cn' | 'en';
  /** Folder the file goes in (a workspace path), for the suggested file name. */
  folder?: string;
}

export interface NewArticleResult {
  text: string;
  fileName: string;
}

export interface DocumentStatus {
  uri: string;
  version: number;
  template?: { id: string; name: string; reason: 'front-matter' | 'setting' | 'detected' };
  errors: number;
  warnings: number;
  infos: number;
}

export interface CheckLinksResult {
  checked: number;
  broken: number;
  redirected: number;
  failed: number;
  cancelled: boolean;
}

export interface TextEditLike {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface DocumentEditResult {
  /** The document version the edits are for; the client applies them only if it is still current. */
  version: number;
  edits: TextEditLike[];
  /** What the edit changes, for a message to the writer. */
  summary: string[];
}
