import type { WebviewApp } from './protocol';

/**
 * The page every webview loads. Used by the extension host (with `webview.cspSource` and
 * `asWebviewUri`) and by the Chromium test harness (with its loopback origin), so the tests run the
 * exact CSP users get: `default-src 'none'`; scripts only from the extension's dist/webviews and only
 * with this render's nonce; styles only from there (the bundles adopt constructable stylesheets; no
 * inline <style> or style attribute in markup); images only from there or data: (chart canvas export).
 * Data never goes into the HTML: it arrives by postMessage after the ready handshake.
 */
export interface WebviewHtmlInput {
  app: WebviewApp;
  title: string;
  /** `webview.cspSource` (or the harness origin). */
  cspSource: string;
  /** URI of dist/webviews/<app>.js as the webview can load it. */
  scriptUri: string;
  /** Fresh per render, base64 of 16+ random bytes (crypto.randomBytes on the host). */
  nonce: string;
}

const NONCE_RE = /^[A-Za-z0-9+/=_-]{16,}$/;

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' ${cspSource}`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function renderWebviewHtml(input: WebviewHtmlInput): string {
  if (!NONCE_RE.test(input.nonce)) throw new Error('renderWebviewHtml: nonce must be 16+ base64 characters from a CSPRNG');
  const csp = contentSecurityPolicy(input.cspSource, input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttr(input.title)}</title>
</head>
<body data-app="${escapeAttr(input.app)}">
<main id="app" aria-live="polite"></main>
<script nonce="${escapeAttr(input.nonce)}" src="${escapeAttr(input.scriptUri)}"></script>
</body>
</html>
`;
}
