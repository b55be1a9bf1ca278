// The preview panel's request: the draft's sanitised HTML and side-panel numbers for its current version. The HTML is
// rendered on the preview's own worker thread, so a long draft never holds up the other requests.
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { toLocale } from '../../base/i18n';
import { RenderSuperseded, RenderThread } from '../../preview/render-thread';
import { PreviewRenderer } from '../../services/preview';
import { Requests } from '../../protocol';
import { keepYoungGenerationSmall } from '../memory';
import type { Feature } from '../server-context';

export const previewFeature: Feature = (server) => {
  const thread = new RenderThread({ script: server.scripts.preview, onWorkerStarted: keepYoungGenerationSmall });
  const renderer = new PreviewRenderer((text, options, uri) => thread.render(uri, text, options));
  server.documents.onDidClose((e) => renderer.forget(e.document.uri));
  server.atShutdown.push(() => thread.dispose());
  server.connection.onRequest(Requests.preview, async (params, token) => {
    const checked = await server.checked(params.uri, token);
    if (!checked) return null;
    const { document, result } = checked;
    try {
      return await renderer.previewOf(document.uri, document.getText(), result, { path: document.uri, locale: toLocale(params.locale ?? server.locale), version: document.version });
    } catch (error) {
      // The editor asked again for a newer text before this one's turn came: that answer is the one to show.
      if (error instanceof RenderSuperseded) throw new ResponseError(LSPErrorCodes.ContentModified, error.message);
      throw error;
    }
  });
};
