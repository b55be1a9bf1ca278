// Problems in `.benchpress/` files (settings, team templates, topic table, data files) as findings on those
// files, under their registered rules (`config/invalid`, `heat/table`), so a workspace can configure them like
// any other rule and the CLI and the editor report them the same way.
import type { Finding } from '../base/types';
import { LineIndex } from '../base/text';
import { localize } from '../base/i18n';
import type { CheckEnvironment } from '../engine/document-checker';
import type { FileProblems } from '../node/workspace-files';

export function fileProblemFindings(file: FileProblems, env: CheckEnvironment): Finding[] {
  const lines = new LineIndex(file.text ?? '');
  const ruleId = file.ruleId ?? 'config/invalid';
  return env.applyEngineSettings(file.problems.map((p) => ({ ruleId, severity: p.severity, message: localize(p.message, env.locale), range: lines.rangeOf(p.start, p.end) })));
}
