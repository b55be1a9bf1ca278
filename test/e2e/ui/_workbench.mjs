// Playwright helpers for driving the VS Code web workbench (code-server 4.100.3 / VS Code 1.100).
// Files starting with "_" are not test files.

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the workbench is there and the Explorer lists the workspace. */
export async function waitForWorkbench(page, { timeout = 60_000 } = {}) {
  await page.waitForSelector('.monaco-workbench', { timeout });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout });
}

/** Opens a file by clicking it in the Explorer (Ctrl+P can lose focus to a Welcome page). */
export async function openFromExplorer(page, name, { timeout = 20_000 } = {}) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout });
  await row.click();
  await page.locator(`.tabs-container .tab`, { hasText: name }).first().waitFor({ timeout });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout });
}

/**
 * Opens a file the test has just written into the workspace. The Explorer learns of a new file from the file
 * watcher, which in code-server on a busy machine may not report it at all (seen: not within 40 s), so the
 * Explorer is refreshed from disk ("File: Refresh Explorer") and, if the row is still missing, the file is
 * opened through Quick Open (Ctrl+P searches the disk, not the watcher's view).
 */
export async function openNewFile(page, name, { timeout = 20_000 } = {}) {
  const tries = [];
  const attempt = async (how, fn) => {
    try {
      await fn();
      return true;
    } catch (e) {
      tries.push(`${how}: ${String(e.message).split('\n')[0]}`);
      return false;
    }
  };
  if (await attempt('explorer', () => openFromExplorer(page, name, { timeout: 3_000 }))) return 'explorer';
  for (let i = 0; i < 2; i++) {
    await attempt('refresh', () => runCommand(page, 'File: Refresh Explorer', { timeout }));
    await sleep(1000);
    if (await attempt('explorer after refresh', () => openFromExplorer(page, name, { timeout: 8_000 }))) return 'explorer after refresh';
  }
  const viaQuickOpen = async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout });
    await input.fill(name);
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout });
    await row.click();
    await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ timeout });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout });
  };
  if (await attempt('quick open', viaQuickOpen)) return 'quick open';
  throw new Error(`could not open ${name}: ${tries.join('; ')}`);
}

/** Opens the command palette (F1), types `text`, returns the visible entries' labels. */
export async function openPalette(page, text, { timeout = 10_000 } = {}) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout });
  await input.fill(`>${text}`);
  await sleep(300);
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allTextContents();
}

/**
 * Opens the palette with `text` until an entry matches `pattern` (the palette does not refresh while the
 * extensions are still being activated, so it is closed and reopened); returns the labels.
 */
export async function waitForPaletteEntry(page, text, pattern, { timeout = 20_000 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const labels = await openPalette(page, text);
    if (labels.some((l) => pattern.test(l))) return labels;
    if (Date.now() > until) throw new Error(`no palette entry for "${text}" matching ${pattern} after ${timeout / 1000} s: ${JSON.stringify(labels)}`);
    await page.keyboard.press('Escape');
    await sleep(1000);
  }
}

/** Runs a command from the palette by its title (exact label text match). */
export async function runCommand(page, title, { timeout = 20_000 } = {}) {
  await waitForPaletteEntry(page, title, new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), { timeout });
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout });
  await row.click();
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its locator. */
export async function openProblems(page, { timeout = 10_000 } = {}) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ timeout });
  return panel;
}

/** Waits until the Problems panel's text matches `pattern` (a RegExp); returns the rows' texts. */
export async function waitForProblem(page, pattern, { timeout = 20_000 } = {}) {
  const rows = page.locator('.markers-panel .monaco-list-row');
  const until = Date.now() + timeout;
  for (;;) {
    const texts = await rows.allTextContents();
    if (texts.some((t) => pattern.test(t))) return texts;
    if (Date.now() > until) throw new Error(`Problems panel has no entry matching ${pattern} after ${timeout / 1000} s; rows: ${JSON.stringify(texts)}`);
    await sleep(250);
  }
}

/** Notification toasts' texts. */
export async function notifications(page) {
  return page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
}

/** A screenshot clip around the first element matching `selector`, with `above` more pixels of the workbench
 *  above it (for small pictures of one part of the window, e.g. the Problems panel under its draft). */
export async function clipAround(page, selector, { above = 0 } = {}) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) return undefined;
  const y = Math.max(0, box.y - above);
  return { x: box.x, y, width: box.width, height: box.y + box.height - y };
}

/** The webview frame whose document contains `text` (webviews are nested iframes in the workbench). */
export async function webviewFrameWith(page, text, { timeout = 30_000 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames().filter((f) => f !== page.mainFrame() && /webview/i.test(f.url()))) {
      const found = await frame.evaluate((t) => document.body?.innerText?.includes(t) ?? false, text).catch(() => false);
      if (found) return frame;
    }
    if (Date.now() > until) throw new Error(`no webview shows "${text}" after ${timeout / 1000} s`);
    await sleep(500);
  }
}
