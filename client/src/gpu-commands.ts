// GPU data commands: insert spec, comparison, pricing and cost tables; refresh them; expand spec tokens; import
// nvidia-smi output; refresh live prices. The server builds every text; these commands ask and insert.
import * as vscode from 'vscode';
import { applyVersionedEdits, markdownEditor, type Ctx } from './context';
import { withServerProgress, RUNPOD_KEY_SECRET } from './commands';
import { networkAllowed } from './trust';
import { ClientCommands, Requests, type DocumentEditResult, type TableKind, type UriParams } from '../../server/src/protocol';
import type { RequestType } from 'vscode-languageclient/node';

async function pickGpus(ctx: Ctx, editor: vscode.TextEditor, options: { many: boolean; pricedOnly?: boolean; title: string }): Promise<string[] | undefined> {
  const gpus = await ctx.request(Requests.gpus, { uri: editor.document.uri.toString() });
  const items = gpus
    .filter((g) => !options.pricedOnly || g.hasPrices)
    .map((g) => ({ label: g.name, description: g.id, detail: [g.architecture, g.memoryGB ? `${g.memoryGB} GB ${g.memoryType ?? ''}`.trim() : undefined, g.segment].filter(Boolean).join(' · '), id: g.id }));
  if (options.many) {
    const picked = await vscode.window.showQuickPick(items, { title: options.title, canPickMany: true, matchOnDescription: true, matchOnDetail: true, placeHolder: vscode.l10n.t('Type to search; pick one or more GPUs') });
    return picked && picked.length ? picked.map((p) => p.id) : undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: options.title, matchOnDescription: true, matchOnDetail: true, placeHolder: vscode.l10n.t('Type to search for a GPU') });
  return picked ? [picked.id] : undefined;
}

/** Inserts a block at the cursor on lines of its own, as one undoable edit. */
async function insertBlock(editor: vscode.TextEditor, text: string): Promise<void> {
  const position = editor.selection.active;
  const line = editor.document.lineAt(position.line);
  const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const body = text.replace(/\r?\n/g, eol).replace(/\s+$/, '');
  if (line.isEmptyOrWhitespace) {
    await editor.edit((b) => b.replace(line.range, body + eol));
  } else {
    await editor.edit((b) => b.insert(line.range.end, eol + eol + body + eol));
  }
}

/** Arguments for running a table command without questions (keybindings, tasks, tests). */
export interface TableArgs {
  gpus: string[];
  hours?: number;
  count?: number;
}

async function insertTable(ctx: Ctx, kind: TableKind, commandName: string, args?: TableArgs): Promise<void> {
  const editor = markdownEditor(commandName);
  if (!editor) return;
  const gpus = args?.gpus?.length ? args.gpus : await pickGpus(ctx, editor, { many: kind === 'compare' || kind === 'pricing', pricedOnly: kind === 'pricing' || kind === 'cost', title: commandName });
  if (!gpus) return;
  let hours = args?.hours;
  let count = args?.count;
  if (kind === 'cost' && (hours === undefined || count === undefined)) {
    const asNumber = (v: string | undefined) => (v && /^\d+(\.\d+)?$/.test(v.trim()) && Number(v) > 0 ? Number(v) : undefined);
    const h = await vscode.window.showInputBox({ title: commandName, prompt: vscode.l10n.t('How many hours?'), value: '100', validateInput: (v) => (asNumber(v) ? undefined : vscode.l10n.t('Enter a positive number.')) });
    if (!h) return;
    const c = await vscode.window.showInputBox({ title: commandName, prompt: vscode.l10n.t('How many GPUs?'), value: '1', validateInput: (v) => (asNumber(v) && Number.isInteger(Number(v)) ? undefined : vscode.l10n.t('Enter a whole number.')) });
    if (!c) return;
    hours = asNumber(h);
    count = asNumber(c);
  }
  if (kind === 'compare' && gpus.length < 2) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Pick at least two GPUs to compare.'));
    return;
  }
  const result = await ctx.request(Requests.table, { uri: editor.document.uri.toString(), kind, gpus, hours, count });
  if (!result.ok) {
    void vscode.window.showErrorMessage(result.error || vscode.l10n.t('Benchpress could not build the table.'));
    return;
  }
  await insertBlock(editor, result.text);
}

export const insertSpecTable = (ctx: Ctx, args?: TableArgs) => insertTable(ctx, 'spec', vscode.l10n.t('Insert GPU Spec Table'), args);
export const insertComparisonTable = (ctx: Ctx, args?: TableArgs) => insertTable(ctx, 'compare', vscode.l10n.t('Insert GPU Comparison Table'), args);
export const insertPricingTable = (ctx: Ctx, args?: TableArgs) => insertTable(ctx, 'pricing', vscode.l10n.t('Insert Pricing Table'), args);
export const insertCostEstimate = (ctx: Ctx, args?: TableArgs) => insertTable(ctx, 'cost', vscode.l10n.t('Insert Cost Estimate'), args);

async function applyServerEdit(ctx: Ctx, request: RequestType<UriParams, DocumentEditResult | null, void>, commandName: string, describe: (r: DocumentEditResult) => string | undefined): Promise<void> {
  const editor = markdownEditor(commandName);
  if (!editor) return;
  const result = await ctx.request(request, { uri: editor.document.uri.toString() });
  if (!result) return;
  if (result.edits.length && !(await applyVersionedEdits(editor, result.version, result.edits))) return;
  const message = describe(result);
  if (message) void vscode.window.showInformationMessage(message);
}

export const refreshTables = (ctx: Ctx) =>
  applyServerEdit(ctx, Requests.refreshTables, vscode.l10n.t('Refresh Data Tables'), (r) =>
    r.edits.length === 0
      ? vscode.l10n.t('No Benchpress data tables in this draft.')
      : r.summary.length
        ? vscode.l10n.t('Refreshed {0} tables. Changes: {1}', r.edits.length, r.summary.slice(0, 8).join('; ') + (r.summary.length > 8 ? ' …' : ''))
        : vscode.l10n.t('Refreshed {0} tables; nothing changed.', r.edits.length),
  );

export const expandTokens = (ctx: Ctx) =>
  applyServerEdit(ctx, Requests.expandTokens, vscode.l10n.t('Expand Spec Tokens'), (r) => {
    const [count, ...errors] = r.summary;
    return errors.length ? vscode.l10n.t('Expanded {0} tokens; {1} could not be resolved: {2}', count, errors.length, errors.slice(0, 3).join('; ')) : vscode.l10n.t('Expanded {0} tokens.', count);
  });

export async function importNvidiaSmi(ctx: Ctx): Promise<void> {
  const name = vscode.l10n.t('Import nvidia-smi Output');
  const editor = markdownEditor(name);
  if (!editor) return;
  const source = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('From a file…'), id: 'file' },
      { label: vscode.l10n.t('From the clipboard'), id: 'clipboard' },
    ],
    { title: name, placeHolder: vscode.l10n.t('Output of nvidia-smi --query-gpu=… --format=csv, or nvidia-smi -q -x') },
  );
  if (!source) return;
  let text: string;
  if (source.id === 'file') {
    const [file] = (await vscode.window.showOpenDialog({ title: name, canSelectMany: false, filters: { 'nvidia-smi output': ['csv', 'xml', 'txt', 'log'], All: ['*'] } })) ?? [];
    if (!file) return;
    const bytes = await vscode.workspace.fs.readFile(file);
    if (bytes.byteLength > 20 * 1024 * 1024) {
      void vscode.window.showErrorMessage(vscode.l10n.t('That file is larger than 20 MB; it is not nvidia-smi output.'));
      return;
    }
    text = new TextDecoder().decode(bytes);
  } else {
    text = await vscode.env.clipboard.readText();
  }
  const result = await ctx.request(Requests.smiTable, { text, uri: editor.document.uri.toString() });
  if (!result.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Not imported: {0}', result.error));
    return;
  }
  await insertBlock(editor, result.text);
}

export async function refreshPrices(ctx: Ctx): Promise<void> {
  if (!networkAllowed(vscode.l10n.t('Refresh RunPod Prices'))) return;
  const apiKey = await ctx.extension.secrets.get(RUNPOD_KEY_SECRET);
  if (!apiKey) {
    const set = vscode.l10n.t('Set API Key');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Refreshing prices needs a RunPod API key. The built-in price snapshot stays in use until then.'), set);
    if (answer === set) await vscode.commands.executeCommand(ClientCommands.setRunPodApiKey);
    return;
  }
  // Hidden from the output channel before it is sent (a verbose trace would show the request's parameters).
  ctx.redactor.add(apiKey);
  const result = await withServerProgress(ctx, vscode.l10n.t('Fetching RunPod prices…'), (progressId, token) =>
    ctx.request(Requests.refreshPrices, { apiKey, progressId, uri: vscode.window.activeTextEditor?.document.uri.toString() }, token),
  );
  if (!result.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Prices not refreshed: {0} The saved prices are unchanged.', result.error));
    return;
  }
  const changes = result.changes;
  void vscode.window.showInformationMessage(
    changes.length ? vscode.l10n.t('{0} RunPod prices as of {1}. Changed: {2}', result.prices, result.asOf, changes.slice(0, 6).join('; ') + (changes.length > 6 ? ' …' : '')) : vscode.l10n.t('{0} RunPod prices as of {1}; no change.', result.prices, result.asOf),
    vscode.l10n.t('Refresh Data Tables'),
  ).then((a) => a && vscode.commands.executeCommand(ClientCommands.refreshTables));
}
