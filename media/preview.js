// The Benchpress preview's webview script (plain JS, no build step). It shows the HTML the language server
// rendered and sanitised, resolves local images through the webview resource URIs the extension sends,
// keeps the scroll position in step with the editor both ways, draws the side panel from the stats, and never
// lets a link navigate the webview. Messages: client/src/preview/protocol.ts.
// It builds the side panel with DOM calls and textContent only; the draft's HTML is parsed inert (DOMParser)
// before it is moved into the page, so no image loads from a wrong path and nothing in it runs (the page's
// Content-Security-Policy allows only this script, by nonce).
// @ts-check
(function () {
  'use strict';

  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const content = /** @type {HTMLElement} */ (document.getElementById('bp-content'));
  const side = /** @type {HTMLElement} */ (document.getElementById('bp-side'));

  /** @type {{ uri?: string, line?: number, sideHidden?: boolean }} */
  let state = vscode.getState() || {};
  let locale = document.body.getAttribute('data-locale') === 'zh-cn' ? 'zh-cn' : 'en';
  /** @type {string | undefined} */
  let currentUri;
  /** @type {{ el: Element, line: number }[] | null} */
  let lineElements = null;
  let ignoreScrollUntil = 0;
  let revealTimer = 0;
  let hasContent = false;

  const TEXT = {
    en: {
      overview: 'Overview', words: 'Words', cjk: 'CJK characters', latin: 'English words', reading: 'Reading time',
      minutes: (n) => (n <= 1 ? 'about 1 minute' : `about ${n} minutes`), none: '—',
      counts: (c) => `${c.headings} headings · ${c.tables} tables · ${c.codeBlocks} code blocks · ${c.images} images`,
      checklist: 'Quality checklist', data: 'Data-driven', practical: 'Practical', visual: 'Visual',
      template: 'Template', sections: (a, b) => `${a} of ${b} sections`, missing: 'Missing', present: 'Present', noTemplate: 'No template detected (front matter “template: review” picks one).',
      topics: 'Topic heat', noTopics: 'No hot topic mentioned.', covered: 'covered', mentioned: 'mentioned',
      notices: 'Not shown', hide: 'Hide panel', show: 'Show panel', loading: 'Rendering…', goTo: 'Go to line',
      done: 'done', todo: 'to do',
    },
    'zh-cn': {
      overview: '概览', words: '字数', cjk: '中文字符', latin: '英文单词', reading: '阅读时间',
      minutes: (n) => `约 ${Math.max(1, n)} 分钟`, none: '—',
      counts: (c) => `${c.headings} 个标题 · ${c.tables} 个表格 · ${c.codeBlocks} 个代码块 · ${c.images} 张图片`,
      checklist: '内容质量清单', data: '数据驱动', practical: '实用性', visual: '视觉呈现',
      template: '模板进度', sections: (a, b) => `${a} / ${b} 个章节`, missing: '缺少', present: '已有', noTemplate: '未识别出模板（可在 front matter 写 “template: review”）。',
      topics: '主题热度', noTopics: '未提及热门主题。', covered: '已覆盖', mentioned: '提及',
      notices: '未显示的部分', hide: '隐藏面板', show: '显示面板', loading: '正在生成预览…', goTo: '跳转到该行',
      done: '已完成', todo: '待完成',
    },
  };
  const t = () => TEXT[locale] || TEXT.en;
  const pick = (label) => (label && typeof label === 'object' ? (locale === 'zh-cn' ? label.zh : label.en) : label || '');
  const fmt = (n) => (typeof n === 'number' ? n.toLocaleString(locale === 'zh-cn' ? 'zh-CN' : 'en-US') : '');

  function saveState(patch) {
    state = Object.assign({}, state, patch);
    vscode.setState(state);
  }

  /** @param {string} tag @param {string} [className] @param {string} [text] */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Content.

  const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

  /** Resolves a local path against the document's folder (or, for `/…`, the workspace folder). */
  function resolveLocal(url, resourceBase, rootBase) {
    if (!url || SCHEME.test(url) || url.startsWith('//') || url.startsWith('#')) return url;
    try {
      if (url.startsWith('/')) return rootBase ? new URL(url.replace(/^\/+/, ''), rootBase).href : url;
      return resourceBase ? new URL(url, resourceBase).href : url;
    } catch {
      return url;
    }
  }

  function rewriteResources(root, resourceBase, rootBase) {
    for (const img of root.querySelectorAll('img[src]')) {
      img.setAttribute('src', resolveLocal(img.getAttribute('src') || '', resourceBase, rootBase));
      img.setAttribute('loading', 'lazy');
    }
    for (const source of root.querySelectorAll('source[srcset]')) {
      const value = source.getAttribute('srcset') || '';
      source.setAttribute('srcset', value.split(',').map((part) => {
        const [url, ...rest] = part.trim().split(/\s+/);
        return [resolveLocal(url, resourceBase, rootBase), ...rest].join(' ');
      }).join(', '));
    }
  }

  function applyUpdate(msg) {
    locale = msg.locale === 'zh-cn' ? 'zh-cn' : 'en';
    // Where to be after the update: the same source line as now, unless this is another document (or the first
    // update after the webview was (re)loaded, when the saved state or the editor's position decides).
    let line;
    if (!hasContent) line = state.uri === msg.uri && typeof state.line === 'number' ? state.line : msg.line || 0;
    else if (msg.switched || msg.uri !== currentUri) line = msg.line || 0;
    else line = lineAtTop();

    const parsed = new DOMParser().parseFromString(String(msg.html || ''), 'text/html');
    rewriteResources(parsed.body, msg.resourceBase, msg.rootBase);
    content.replaceChildren(...Array.from(parsed.body.childNodes));
    lineElements = null;
    hasContent = true;
    currentUri = msg.uri;
    renderSide(msg.stats, msg.notices, msg.name);
    saveState({ uri: msg.uri });
    scrollToLine(line);
    // Images change the layout when they load: keep the line at the top while they do.
    for (const img of content.querySelectorAll('img')) {
      if (!img.complete) img.addEventListener('load', () => { lineElements = null; }, { once: true });
    }
  }

  function showNotice(text) {
    if (!hasContent) content.replaceChildren(el('div', 'bp-guard', text));
    else {
      const existing = content.querySelector(':scope > .bp-transient');
      const notice = el('div', 'bp-guard bp-transient', text);
      if (existing) existing.replaceWith(notice);
      else content.prepend(notice);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Scroll sync. Elements with data-line, in document order; a source line maps to a position between the
  // element at or before it and the next one, proportionally (as VS Code's own Markdown preview does).

  function getLineElements() {
    if (lineElements) return lineElements;
    lineElements = [];
    for (const node of content.querySelectorAll('[data-line]')) {
      const line = Number(node.getAttribute('data-line'));
      if (!Number.isFinite(line)) continue;
      if (/** @type {HTMLElement} */ (node).offsetParent === null && node.tagName !== 'TR') continue; // hidden
      lineElements.push({ el: node, line });
    }
    return lineElements;
  }

  const topOf = (node) => node.getBoundingClientRect().top + window.scrollY;

  function elementsForLine(line) {
    const target = Math.floor(line);
    let previous;
    let next;
    for (const entry of getLineElements()) {
      if (entry.line === target) return { previous: entry, next: undefined };
      if (entry.line > target) {
        next = entry;
        break;
      }
      previous = entry;
    }
    return { previous, next };
  }

  function scrollToLine(line) {
    if (typeof line !== 'number' || !Number.isFinite(line)) return;
    let y = 0;
    if (line > 0) {
      const { previous, next } = elementsForLine(line);
      if (previous) {
        const rect = previous.el.getBoundingClientRect();
        const previousTop = rect.top + window.scrollY;
        if (next && next.line !== previous.line) {
          const progress = (line - previous.line) / (next.line - previous.line);
          y = previousTop + progress * (topOf(next.el) - previousTop);
        } else {
          y = previousTop + (line - Math.floor(line)) * rect.height;
        }
      } else if (next) {
        y = Math.max(0, topOf(next.el) * (line / Math.max(1, next.line)));
      }
    }
    ignoreScrollUntil = Date.now() + 250;
    window.scrollTo(0, Math.max(0, Math.round(y)));
    saveState({ line });
  }

  /** The (fractional) source line at the top of the view. */
  function lineAtTop() {
    const entries = getLineElements();
    if (entries.length === 0) return 0;
    const y = window.scrollY;
    // Binary search for the last element whose top is at or above the view's top (tops are in document order).
    let low = 0;
    let high = entries.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (topOf(entries[mid].el) <= y + 1) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (found === -1) return 0;
    const previous = entries[found];
    const rect = previous.el.getBoundingClientRect();
    const previousTop = rect.top + window.scrollY;
    let next;
    for (let i = found + 1; i < entries.length; i++) {
      if (entries[i].line > previous.line) {
        next = entries[i];
        break;
      }
    }
    if (next) {
      const nextTop = topOf(next.el);
      if (nextTop > previousTop) return previous.line + Math.min(1, Math.max(0, (y - previousTop) / (nextTop - previousTop))) * (next.line - previous.line);
    }
    return previous.line + (rect.height > 0 ? Math.min(0.99, Math.max(0, (y - previousTop) / rect.height)) : 0);
  }

  window.addEventListener('scroll', () => {
    if (!hasContent) return;
    if (Date.now() < ignoreScrollUntil) return; // our own scroll, from the editor: not echoed back
    if (revealTimer) return;
    revealTimer = window.setTimeout(() => {
      revealTimer = 0;
      const line = lineAtTop();
      saveState({ line });
      vscode.postMessage({ type: 'reveal', line });
    }, 50);
  }, { passive: true });

  window.addEventListener('resize', () => { lineElements = null; });

  // Double-click on the text: put the editor's cursor there.
  content.addEventListener('dblclick', (event) => {
    const target = /** @type {Element | null} */ (event.target instanceof Element ? event.target.closest('[data-line]') : null);
    if (target) vscode.postMessage({ type: 'openLine', line: Number(target.getAttribute('data-line')) });
  });

  // ---------------------------------------------------------------------------------------------------------
  // Links never navigate the webview: fragments scroll here, the rest goes to the extension.

  function onLinkActivated(event) {
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (!anchor) return;
    event.preventDefault();
    const href = anchor.getAttribute('href');
    if (!href) return;
    if (href.startsWith('#')) {
      let id = href.slice(1);
      try {
        id = decodeURIComponent(id);
      } catch {
        // keep it
      }
      const target = document.getElementById('user-content-' + id) || document.getElementById(id);
      if (target) target.scrollIntoView({ block: 'start' });
      return;
    }
    vscode.postMessage({ type: 'link', href });
  }
  document.addEventListener('click', onLinkActivated);
  document.addEventListener('auxclick', onLinkActivated);

  // ---------------------------------------------------------------------------------------------------------
  // Side panel.

  function card(title) {
    const section = el('section', 'bp-card');
    section.append(el('h2', 'bp-card-title', title));
    return section;
  }

  function lineLink(node, line) {
    if (typeof line !== 'number') return;
    node.classList.add('bp-clickable');
    node.setAttribute('role', 'button');
    node.setAttribute('tabindex', '0');
    node.title = t().goTo + ' ' + (line + 1);
    const go = () => vscode.postMessage({ type: 'openLine', line });
    node.addEventListener('click', go);
    node.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        go();
      }
    });
  }

  function renderSide(stats, notices, name) {
    const T = t();
    const parts = [];

    const toolbar = el('div', 'bp-toolbar');
    toolbar.append(el('span', 'bp-file', name || ''));

    if (notices && notices.length) {
      const section = card(T.notices);
      section.classList.add('bp-notices');
      const list = el('ul', 'bp-list');
      for (const notice of notices) list.append(el('li', undefined, notice));
      section.append(list);
      parts.push(section);
    }

    if (stats) {
      // Overview.
      const overview = card(T.overview);
      const dl = el('dl', 'bp-facts');
      const fact = (term, value) => dl.append(el('dt', undefined, term), el('dd', undefined, value));
      fact(T.words, fmt(stats.words.total));
      if (stats.words.cjk) fact(T.cjk, fmt(stats.words.cjk));
      if (stats.words.latin) fact(T.latin, fmt(stats.words.latin));
      fact(T.reading, stats.readingMinutes ? T.minutes(stats.readingMinutes) : T.none);
      overview.append(dl, el('p', 'bp-muted', T.counts(stats.counts)));
      parts.push(overview);

      // Checklist.
      const checklist = card(T.checklist);
      const done = stats.checklist.filter((i) => i.done).length;
      const meter = el('progress', 'bp-progress');
      meter.max = stats.checklist.length || 1;
      meter.value = done;
      checklist.append(meter, el('p', 'bp-muted', `${done} / ${stats.checklist.length}`));
      for (const group of ['data', 'practical', 'visual']) {
        const items = stats.checklist.filter((i) => i.group === group);
        if (!items.length) continue;
        checklist.append(el('h3', 'bp-group', T[group]));
        const list = el('ul', 'bp-checks');
        for (const item of items) {
          const li = el('li', 'bp-check ' + (item.done ? 'bp-done' : 'bp-todo'));
          const mark = el('span', 'bp-mark', item.done ? '✓' : '✗');
          mark.setAttribute('aria-label', item.done ? T.done : T.todo);
          const body = el('span', 'bp-check-body');
          body.append(el('span', 'bp-check-label', pick(item.label)));
          if (item.detail) body.append(el('span', 'bp-check-detail', pick(item.detail)));
          li.append(mark, body);
          li.setAttribute('data-id', item.id);
          lineLink(li, item.line);
          list.append(li);
        }
        checklist.append(list);
      }
      parts.push(checklist);

      // Template progress.
      const template = card(T.template);
      if (stats.template) {
        const total = stats.template.present.length + stats.template.missing.length;
        template.append(el('p', 'bp-template-name', stats.template.name));
        const bar = el('progress', 'bp-progress');
        bar.max = total || 1;
        bar.value = stats.template.present.length;
        template.append(bar, el('p', 'bp-muted', T.sections(stats.template.present.length, total)));
        const list = el('ul', 'bp-checks');
        for (const name of stats.template.present) {
          const li = el('li', 'bp-check bp-done');
          li.append(el('span', 'bp-mark', '✓'), el('span', 'bp-check-label', name));
          list.append(li);
        }
        for (const name of stats.template.missing) {
          const li = el('li', 'bp-check bp-todo');
          li.append(el('span', 'bp-mark', '✗'), el('span', 'bp-check-label', name));
          list.append(li);
        }
        template.append(list);
      } else {
        template.append(el('p', 'bp-muted', T.noTemplate));
      }
      parts.push(template);

      // Topic heat.
      const topics = card(T.topics);
      if (stats.topics.length) {
        const table = el('table', 'bp-topics');
        const body = el('tbody');
        for (const topic of stats.topics) {
          const row = el('tr', topic.covered ? 'bp-covered' : 'bp-mentioned');
          const status = el('td', 'bp-status', topic.status || '');
          if (topic.statusLabel) status.title = pick(topic.statusLabel);
          row.append(
            el('td', 'bp-topic', topic.topic),
            el('td', 'bp-heat', '🔥 ' + topic.heatLabel),
            status,
            el('td', 'bp-coverage', topic.covered ? T.covered : T.mentioned),
          );
          body.append(row);
        }
        table.append(body);
        topics.append(table);
      } else {
        topics.append(el('p', 'bp-muted', T.noTopics));
      }
      parts.push(topics);
    }

    side.replaceChildren(toolbar, ...parts);
    applySideHidden();
  }

  // The button that hides and shows the side panel stays outside it, so it is there in both states. The panel is
  // beside a wide preview and below a narrow one (the CSS breakpoint); the writer's choice to hide it is kept.
  const sideVisible = () => !state.sideHidden;
  const toggle = el('button', 'bp-toggle');
  toggle.type = 'button';
  toggle.addEventListener('click', () => {
    saveState({ sideHidden: !state.sideHidden });
    applySideHidden();
  });
  document.body.append(toggle);

  function applySideHidden() {
    document.body.classList.toggle('bp-side-hidden', !sideVisible());
    toggle.textContent = sideVisible() ? '◨ ' + t().hide : '◧ ' + t().show;
    toggle.setAttribute('aria-pressed', sideVisible() ? 'true' : 'false');
  }

  // ---------------------------------------------------------------------------------------------------------

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    switch (msg.type) {
      case 'update':
        applyUpdate(msg);
        break;
      case 'scroll':
        if (hasContent) scrollToLine(msg.line);
        break;
      case 'notice':
        if (msg.locale) locale = msg.locale === 'zh-cn' ? 'zh-cn' : 'en';
        showNotice(String(msg.text || ''));
        break;
      default:
        break;
    }
  });

  applySideHidden();
  content.replaceChildren(el('p', 'bp-muted', t().loading));
  vscode.postMessage({ type: 'ready' });
})();
