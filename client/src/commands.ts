// Command-palette commands: small functions over the shared context. The server does the work; these only ask
// the writer what is needed, show progress, and apply what comes back.
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { applyVersionedEdits, markdownEditor, type Ctx } from './context';
import { networkAllowed } from './trust';
import { Notifications, Requests, ServerCommands, type FixAllResult, type Locale, type TextEditLike } from '../../server/src/protocol';

export const RUNPOD_KEY_SECRET = 'benchpress.runpodApiKey';

let nextProgressId = 1;

/** Runs a long server request with a cancellable notification that shows the server's count. */
export async function withServerProgress<T>(ctx: Ctx, title: string, run: (progressId: string, token: vscode.CancellationToken) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const progressId = `p${nextProgressId++}`;
    let last = 0;
    const listener = ctx.client.onNotification(Notifications.progress, (p) => {
      if (p.progressId !== progressId || p.total === 0) return;
      const percent = (p.done / p.total) * 100;
      progress.report({ message: `${p.done}/${p.total}${p.message ? ` · ${p.message}` : ''}`, increment: percent - last });
      last = percent;
    });
    try {
      return await run(progressId, token);
    } finally {
      listener.dispose();
    }
  });
}

/** Arguments for running the command without questions (tasks, keybindings, tests). */
export interface NewArticleArgs {
  template: string;
  subject: string;
  lang?: Locale;
  /** Where to write the file; an untitled editor when absent. */
  target?: vscode.Uri | string;
}

export async function newArticle(ctx: Ctx, args?: NewArticleArgs): Promise<vscode.Uri | undefined> {
  const folderUri = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (args?.template && args.subject) {
    const lang = args.lang ?? (vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en');
    const result = await ctx.request(Requests.newArticle, { template: args.template, subject: args.subject, lang, date: new Date().toISOString().slice(0, 10), uri: folderUri?.toString() });
    const target = typeof args.target === 'string' ? vscode.Uri.parse(args.target) : args.target;
    return openNewArticle(result.text, target);
  }
  const templates = await ctx.request(Requests.templates, { uri: vscode.window.activeTextEditor?.document.uri.toString() });
  const picked = await vscode.window.showQuickPick(
    templates.map((t) => ({ label: t.name, description: t.id, detail: t.description + (t.source === 'builtin' ? '' : ` — ${vscode.workspace.asRelativePath(t.source)}`), template: t })),
    { title: vscode.l10n.t('New article from a template'), placeHolder: vscode.l10n.t('Choose a template'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return;
  const zhUi = vscode.env.language.toLowerCase().startsWith('zh');
  const lang = await vscode.window.showQuickPick(
    [{ label: '中文', lang: 'zh-cn' as const }, { label: 'English', lang: 'en' as const }].sort((a) => ((a.lang === 'zh-cn') === zhUi ? -1 : 1)),
    { title: vscode.l10n.t('Language of the article') },
  );
  if (!lang) return;
  const subject = await vscode.window.showInputBox({
    title: vscode.l10n.t('New {0}', picked.template.name),
    prompt: picked.template.id === 'tutorial' ? vscode.l10n.t('What does the tutorial deploy? (e.g. “vLLM on RunPod”)') : vscode.l10n.t('Which product or subject? (e.g. “RTX 5090”)'),
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a subject for the title.')),
  });
  if (!subject) return;
  const date = new Date().toISOString().slice(0, 10);
  const result = await ctx.request(Requests.newArticle, { template: picked.template.id, subject, lang: lang.lang, date, uri: folderUri?.toString() });
  let target: vscode.Uri | undefined;
  if (folderUri) {
    target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folderUri, result.fileName), filters: { Markdown: ['md', 'mdx'] }, title: vscode.l10n.t('Save the new article') });
    if (!target) return undefined;
    try {
      await vscode.workspace.fs.stat(target);
      const overwrite = await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Replace it?', vscode.workspace.asRelativePath(target)), { modal: true }, vscode.l10n.t('Replace'));
      if (!overwrite) return undefined;
    } catch {
      /* a new file */
    }
  }
  return openNewArticle(result.text, target);
}

/** Writes the article to `target` (or an untitled editor) and shows it. */
async function openNewArticle(text: string, target: vscode.Uri | undefined): Promise<vscode.Uri> {
  if (target) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const document = target ? await vscode.workspace.openTextDocument(target) : await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(document);
  return document.uri;
}

export async function regenerateToc(ctx: Ctx): Promise<void> {
  const editor = markdownEditor(vscode.l10n.t('Regenerate Contents'));
  if (!editor) return;
  const result = await ctx.request(Requests.regenerateToc, { uri: editor.document.uri.toString() });
  if (!result) return;
  if (result.edits.length === 0) {
    void vscode.window.showInformationMessage(result.summary.join(' '));
    return;
  }
  await applyVersionedEdits(editor, result.version, result.edits);
}

export async function checkLinks(ctx: Ctx): Promise<void> {
  const editor = markdownEditor(vscode.l10n.t('Check Links'));
  if (!editor || !networkAllowed(vscode.l10n.t('Check Links'))) return;
  const result = await withServerProgress(ctx, vscode.l10n.t('Checking links…'), (progressId, token) =>
    ctx.request(Requests.checkLinks, { uri: editor.document.uri.toString(), progressId }, token),
  );
  const summary = vscode.l10n.t('{0} links checked: {1} alive, {2} dead, {3} could not be verified, {4} moved permanently.', result.checked, result.alive, result.dead, result.unverified, result.redirected);
  const showProblems = (a: string | undefined) => a && vscode.commands.executeCommand('workbench.actions.view.problems');
  if (result.cancelled) void vscode.window.showWarningMessage(vscode.l10n.t('Link check cancelled. {0}', summary));
  else if (result.dead > 0) void vscode.window.showWarningMessage(summary, vscode.l10n.t('Show Problems')).then(showProblems);
  else if (result.unverified > 0) void vscode.window.showInformationMessage(summary, vscode.l10n.t('Show Problems')).then(showProblems);
  else void vscode.window.showInformationMessage(summary);
}

export async function fixAll(ctx: Ctx): Promise<void> {
  const editor = markdownEditor(vscode.l10n.t('Fix All'));
  if (!editor) return;
  const result: FixAllResult | undefined = await ctx.request(ExecuteCommandRequest.type, { command: ServerCommands.fixAll, arguments: [editor.document.uri.toString()] });
  if (!result?.count) void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to fix automatically in this draft.'));
}

export async function setRunPodApiKey(ctx: Ctx): Promise<void> {
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('RunPod API key'),
    prompt: vscode.l10n.t('Stored in VS Code’s secret storage, never in settings. Used only to fetch GPU prices.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (/^\S{10,}$/.test(v.trim()) ? undefined : vscode.l10n.t('That does not look like an API key.')),
  });
  if (!key) return;
  await ctx.extension.secrets.store(RUNPOD_KEY_SECRET, key.trim());
  void vscode.window.showInformationMessage(vscode.l10n.t('RunPod API key saved.'));
}

export async function clearRunPodApiKey(ctx: Ctx): Promise<void> {
  await ctx.extension.secrets.delete(RUNPOD_KEY_SECRET);
  void vscode.window.showInformationMessage(vscode.l10n.t('RunPod API key removed.'));
}

/** Applies a snippet edit from a quick fix (placeholders become tab stops) if the document did not change. */
export async function applySnippet(uri: string, version: number, edits: TextEditLike[]): Promise<void> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!editor || editor.document.version !== version || edits.length === 0) return;
  const e = edits[0];
  await editor.insertSnippet(new vscode.SnippetString(e.newText), new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character));
}

