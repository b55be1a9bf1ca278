// Test support: check a Markdown text with the real engine, in process, against an in-memory workspace.
import path from 'node:path';
import type { Finding } from '../base/types';
import { DEFAULT_CONFIG, applySettings, type BenchpressConfig } from '../config/config';
import { CheckEnvironment, DocumentChecker, type CheckResult } from '../engine/document-checker';
import { InProcessAnalyzer } from '../engine/in-process-analyzer';
import { buildTemplateSet } from '../templates/registry';
import { anchorsOfText } from '../markdown/anchors';
import type { WorkspaceView } from '../markdown/workspace';
import { EMPTY_CHUNK_DATA, type ChunkData } from '../rules/chunk-data';
import type { Locale } from '../base/i18n';
import type { TopicRow } from '../topics/table';

export const TEST_ROOT = path.resolve('/virtual/workspace');

export function memoryWorkspace(files: Record<string, string>, root = TEST_ROOT): WorkspaceView {
  const abs = new Map(Object.entries(files).map(([p, t]) => [path.resolve(root, p), t]));
  const dirs = new Set<string>();
  for (const p of abs.keys()) for (let d = path.dirname(p); d.length >= root.length; d = path.dirname(d)) { dirs.add(d); if (d === path.dirname(d)) break; }
  return {
    root,
    stat: async (p) => (abs.has(p) ? 'file' : dirs.has(p) ? 'directory' : undefined),
    anchorsOf: async (p, settings) => (abs.has(p) ? anchorsOfText(abs.get(p)!, p, settings) : undefined),
  };
}

export interface LintTextOptions {
  /** Path of the draft relative to the workspace root. */
  path?: string;
  files?: Record<string, string>;
  settings?: Partial<BenchpressConfig> | Record<string, unknown>;
  locale?: Locale;
  rules?: string[];
  data?: ChunkData;
  topics?: readonly TopicRow[];
}

export async function checkText(text: string, options: LintTextOptions = {}): Promise<CheckResult> {
  const files = options.files ?? {};
  const { config } = applySettings(DEFAULT_CONFIG, options.settings ?? {});
  const templateFiles = Object.entries(files).filter(([p]) => /^\.benchpress\/templates\/[^/]+\.md$/.test(p)).map(([p, t]) => ({ path: path.resolve(TEST_ROOT, p), text: t }));
  const env = new CheckEnvironment({ config, templates: buildTemplateSet(templateFiles), data: options.data ?? EMPTY_CHUNK_DATA, locale: options.locale ?? 'en', only: options.rules, topics: options.topics });
  const docPath = path.resolve(TEST_ROOT, options.path ?? 'draft.md');
  const checker = new DocumentChecker(new InProcessAnalyzer());
  return checker.check({ uri: `file://${docPath}`, path: docPath, text }, env, memoryWorkspace({ ...files, [options.path ?? 'draft.md']: text }));
}

export async function lintText(text: string, options: LintTextOptions = {}): Promise<Finding[]> {
  return (await checkText(text, options)).findings;
}

/** Findings of one rule, as "line:col message" strings (1-based), for readable assertions. */
export async function findingsOf(ruleId: string, text: string, options: LintTextOptions = {}): Promise<Finding[]> {
  return (await lintText(text, options)).filter((f) => f.ruleId === ruleId);
}
