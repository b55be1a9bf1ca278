// Messages of the preview panel: the request to the language server, and the messages between the extension
// and the webview script (media/preview.js, plain JS: keep the two in step by hand).
// (The request to the server, `Requests.preview`, and its payload are declared in the shared protocol.)
import type { DraftStats, Locale } from '../../../server/src/protocol';

/** Extension → webview. */
export type ToWebview =
  | {
      type: 'update';
      uri: string;
      /** File name, for the page's heading of the side panel. */
      name: string;
      version: number;
      html: string;
      lineMap: number[];
      stats?: DraftStats;
      notices?: string[];
      locale: Locale;
      /** asWebviewUri of the document's folder, ending in `/`: relative image paths resolve against it. */
      resourceBase?: string;
      /** asWebviewUri of the workspace folder, ending in `/`: `/images/a.png` resolves against it. */
      rootBase?: string;
      /** The editor's first visible line, where a newly opened document should be scrolled to. */
      line?: number;
      /** A different document than the last update: scroll to `line` instead of keeping the position. */
      switched: boolean;
    }
  | { type: 'scroll'; line: number }
  | { type: 'notice'; text: string; locale: Locale };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  /** The preview was scrolled by the user: the source line now at its top (fractional). */
  | { type: 'reveal'; line: number }
  /** Double-click in the preview, or a checklist item: put the cursor on this line in the editor. */
  | { type: 'openLine'; line: number }
  /** A link in the draft was clicked (fragment links are handled in the webview). */
  | { type: 'link'; href: string };

/** What the webview keeps with setState (restored when the panel is shown again or after a reload). */
export interface WebviewState {
  uri?: string;
  line?: number;
  /** The writer hid the side panel (beside a wide preview, below a narrow one). */
  sideHidden?: boolean;
}
