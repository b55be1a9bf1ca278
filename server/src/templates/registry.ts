// The templates a workspace can use: the built-in ones and the team's `.benchpress/templates/*.md`.
import reviewSkeleton from './builtin/review';
import tutorialSkeleton from './builtin/tutorial';
import { parseTemplate, type Template, type TemplateProblem } from './template';

export interface TemplateFileResult {
  path: string;
  id: string;
  problems: TemplateProblem[];
}

export interface TemplateSet {
  templates: Map<string, Template>;
  /** Problems found in team template files, by file (shown as diagnostics on those files). */
  files: TemplateFileResult[];
}

function builtin(id: string, text: string): Template {
  const { template } = parseTemplate(id, text.trimStart(), 'builtin');
  if (!template) throw new Error(`built-in template ${id} does not parse`);
  return template;
}

let builtins: readonly Template[] | undefined;

/**
 * The built-in templates as the build parsed them (scripts/build.mjs defines this): every command that loads
 * settings, and the language server at its start, would otherwise parse them, with a parser not yet warmed up
 * (some 40 ms). Undefined when running from source (the tests), where they are parsed on first use.
 */
declare const BENCHPRESS_BUILTIN_TEMPLATES: readonly Template[] | undefined;

/** The built-in templates (analysis workers never need them). */
export function builtinTemplates(): readonly Template[] {
  builtins ??= typeof BENCHPRESS_BUILTIN_TEMPLATES === 'object' ? BENCHPRESS_BUILTIN_TEMPLATES : parseBuiltinTemplates();
  return builtins;
}

/** The built-in templates parsed from their skeletons (what the build stores as BENCHPRESS_BUILTIN_TEMPLATES). */
export function parseBuiltinTemplates(): Template[] {
  return [builtin('review', reviewSkeleton), builtin('tutorial', tutorialSkeleton)];
}

/** Builds the set from team template files (`{ path, text }`); a team template replaces a built-in of the same id. */
export function buildTemplateSet(files: { path: string; text: string }[]): TemplateSet {
  const templates = new Map<string, Template>(builtinTemplates().map((t) => [t.id, t]));
  const results: TemplateFileResult[] = [];
  for (const file of files) {
    const id = file.path.replace(/\\/g, '/').split('/').pop()!.replace(/\.md$/i, '');
    const { template, problems } = parseTemplate(id, file.text, file.path);
    if (template) templates.set(id, template);
    results.push({ path: file.path, id, problems });
  }
  return { templates, files: results };
}
