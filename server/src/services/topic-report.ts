// The topic-heat report over drafts (the CLI's `topics`, the editor's Topic Heat view): each draft checked with the
// heat rules, its topic matches and front matter date collected, and the report built from the table's rows.
import type { CheckEnvironment, CheckResult } from '../engine/document-checker';
import { buildTopicReport, type DraftTopics } from '../topics/report';
import type { TopicReport } from '../protocol';

export interface CheckedDraft {
  /** The path as the report shows it. */
  path: string;
  /** The check's result, or just the parts the report reads (see `topicFactsOf`). */
  result?: TopicFacts;
}

/** What the report reads from a check: the topic matches and the front matter's date. */
export interface TopicFacts {
  topics?: CheckResult['topics'];
  view?: { frontMatter?: { data: Record<string, unknown> } };
}

/** The parts of a result the report needs, without the rest (a workspace report keeps one per draft). */
export function topicFactsOf(result: CheckResult): TopicFacts {
  const date = result.view?.frontMatter?.data.date;
  return { topics: result.topics, view: { frontMatter: { data: date === undefined ? {} : { date } } } };
}

export function topicReportOf(drafts: readonly CheckedDraft[], env: CheckEnvironment): TopicReport {
  return buildTopicReport(drafts.map(draftTopicsOf), env.topicRows);
}

function draftTopicsOf({ path, result }: CheckedDraft): DraftTopics {
  const date = result?.view?.frontMatter?.data.date;
  return { path, date: date instanceof Date || typeof date === 'string' ? date : undefined, matches: result?.topics ?? [] };
}
