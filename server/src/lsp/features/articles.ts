// Whole articles: the templates a new article can start from, the new article's text, and the contents list
// regenerated from the headings.
import { Requests, type DocumentEditResult } from '../../protocol';
import { contentsListEdit, createArticle, templateList } from '../../services/articles';
import type { Feature } from '../server-context';

export const articlesFeature: Feature = (server) => {
  const { connection } = server;
  connection.onRequest(Requests.templates, async (params) => templateList((await server.settingsFor(params?.uri)).env));
  connection.onRequest(Requests.newArticle, async (params) => createArticle((await server.settingsFor(params.uri)).env, params));
  connection.onRequest(Requests.regenerateToc, async (params, token): Promise<DocumentEditResult | null> => {
    const checked = await server.checked(params.uri, token);
    const edit = checked && contentsListEdit(checked.result);
    return edit ? { version: checked.document.version, ...edit } : null;
  });
};
