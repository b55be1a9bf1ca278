// The preview panel's request: the draft's sanitised HTML and side-panel numbers for its current version.
import { toLocale } from '../../base/i18n';
import { PreviewRenderer } from '../../services/preview';
import { Requests } from '../../protocol';
import type { Feature } from '../server-context';

export const previewFeature: Feature = (server) => {
  const renderer = new PreviewRenderer();
  server.documents.onDidClose((e) => renderer.forget(e.document.uri));
  server.connection.onRequest(Requests.preview, async (params, token) => {
    const checked = await server.checked(params.uri, token);
    if (!checked) return null;
    const { document, result } = checked;
    return renderer.previewOf(document.uri, document.getText(), result, { path: document.uri, locale: toLocale(params.locale ?? server.locale), version: document.version });
  });
};
