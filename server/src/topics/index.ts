// Topic heat: the pure core behind the heat/… features (no editor API here).
//
// Typical use (server or CLI):
//   const parsed = parseTopicTable(fileText, tableFormatOf(fileName)!);   // or skip when there is no file
//   const { rows, problems } = resolveTopicTable(parsed);                  // problems → tableProblemFindings
//   const matcher = compileTopics(rows);                                   // once per table
//   const matches = matchTopics({ segments }, matcher);                    // per draft
//   titleLensText(matches) · topicAt(matches, seg, off) + topicHover(row) · titleMissingTopicFindings(...)
//   completionPrefix(lineBeforeCursor, rows) + completionsFor(prefix, rows)
//   buildTopicReport(drafts.map(d => ({ path, date, matches })), rows)    // CLI `topics --json`, tree view

export { parseMetric, formatMetric } from './numbers';
export { foldText, patternParts, topicKey, urlishRanges, isCjk, isWordChar } from './normalize';
export {
  parseTopicTable,
  tableFormatOf,
  splitAliases,
  type TopicRow,
  type TableProblem,
  type TableMode,
  type TableFormat,
  type ParsedTopicTable,
  type AliasDeclaration,
} from './table';
export { DEFAULT_TOPICS, DEFAULT_ALIASES, STATUS_MEANING, resolveTopicTable, type ResolvedTopicTable } from './seed';
export {
  compileTopics,
  matchTopics,
  findTopicsInText,
  mainTopic,
  isCovered,
  topicAt,
  findRow,
  COVERAGE_THRESHOLD,
  WEIGHTS,
  type DraftText,
  type DraftSegment,
  type TopicMatch,
  type TopicOccurrence,
  type TopicMatcher,
  type TopicPattern,
  type TextHit,
} from './match';
export {
  buildTopicReport,
  formatTopicReport,
  parseDraftDate,
  type TopicReport,
  type TopicReportEntry,
  type RotationWarning,
  type DraftTopics,
  type ReportLang,
} from './report';
export {
  titleMissingTopics,
  titleMissingTopicFindings,
  tableProblemFindings,
  TITLE_MISSING_TOPIC,
  TABLE_PROBLEM,
  DEFAULT_TITLE_MIN_HEAT,
  type TitleMissingOptions,
} from './rules';
export { completionsFor, completionPrefix, type TopicCompletion } from './completion';
export { topicHover, titleLensText, type TopicLang } from './present';
