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

/** The built-in templates, parsed on first use (analysis workers never need them). */
export function builtinTemplates(): readonly Template[] {
  builtins ??= [builtin('review', reviewSkeleton), builtin('tutorial', tutorialSkeleton)];
  return builtins;
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
