// The external links of a document, as the link checker and its findings need them.
import type { DocumentView } from '../../markdown/document-view';
import { resolveLinkTarget } from '../../markdown/link-target';
import type { LinkOccurrence } from './findings';

export function externalLinks(doc: DocumentView): LinkOccurrence[] {
  return doc.links
    .filter((l) => resolveLinkTarget(l.url, doc.path).kind === 'external')
    .map((l) => ({ url: l.url.trim(), range: doc.range(l.urlSpan) }));
}
