/* global window, document -- page code (addInitScript, page.evaluate) */
// The webview test harness: serves dist/webviews/<app>.js and a page built by the SAME
// renderWebviewHtml the extension host uses (same CSP, nonce, ready handshake), opens it in
// headless Debian Chromium with playwright-core, and plays the host: it receives what the webview
// posts through acquireVsCodeApi() and posts host messages as window 'message' events.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(import.meta.dirname, '../..');
const { renderWebviewHtml } = await tsImport('../../src/shared/webviewHtml.ts', import.meta.url);

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A loopback server for the harness pages and bundles. */
export async function startServer() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      const page = /^\/harness\/(\w+)\.html$/.exec(url.pathname);
      if (page) {
        const origin = `http://${req.headers.host}`;
        const html = renderWebviewHtml({
          app: page[1],
          title: `harness ${page[1]}`,
          cspSource: origin,
          scriptUri: `${origin}/dist/webviews/${page[1]}.js`,
          nonce: randomBytes(16).toString('base64'),
        });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
        return;
      }
      const asset = /^\/dist\/webviews\/([\w.]+\.js)$/.exec(url.pathname);
      if (asset) {
        const body = await readFile(path.join(root, 'dist', 'webviews', asset[1]));
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(body);
        return;
      }
      res.writeHead(404).end();
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

/** One webview page plus the fake host at the other end of its postMessage channel. */
export class HarnessPage {
  constructor(page) {
    this.page = page;
    this.inbox = [];
    this.waiters = [];
    this.console = [];
    this.cspViolations = [];
  }

  static async open(browser, origin, app, viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport, colorScheme: 'dark' });
    const page = await context.newPage();
    const h = new HarnessPage(page);
    h.context = context;
    page.on('console', (m) => h.console.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => h.console.push(`pageerror: ${e.message}`));
    await page.exposeBinding('__kaizenToHost', (_source, message) => h.receive(message));
    await page.addInitScript(() => {
      let state;
      let acquired = false;
      window.acquireVsCodeApi = () => {
        if (acquired) throw new Error('acquireVsCodeApi called twice');
        acquired = true;
        return {
          postMessage: (m) => window.__kaizenToHost(JSON.parse(JSON.stringify(m))),
          getState: () => state,
          setState: (s) => {
            state = s;
          },
        };
      };
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
      // The dark theme's variables as VS Code sets them on <html>, so the screenshots look like VS Code.
      const vars = {
        '--vscode-font-family': 'system-ui, sans-serif',
        '--vscode-font-size': '13px',
        '--vscode-editor-font-family': 'monospace',
        '--vscode-foreground': '#cccccc',
        '--vscode-descriptionForeground': '#9d9d9d',
        '--vscode-editor-background': '#1f1f1f',
        '--vscode-focusBorder': '#0078d4',
        '--vscode-list-hoverBackground': '#2a2d2e',
        '--vscode-list-activeSelectionBackground': '#04395e',
        '--vscode-list-activeSelectionForeground': '#ffffff',
        '--vscode-list-inactiveSelectionBackground': '#37373d',
        '--vscode-panel-border': '#2b2b2b',
        '--vscode-charts-blue': '#3794ff',
        '--vscode-charts-orange': '#d18616',
        '--vscode-charts-green': '#89d185',
        '--vscode-charts-red': '#f14c4c',
        '--vscode-textCodeBlock-background': '#2b2b2b',
        '--vscode-editorWidget-border': '#454545',
      };
      document.addEventListener('DOMContentLoaded', () => {
        for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      });
    });
    page.on('console', (m) => {
      if (m.text().startsWith('CSP violation')) h.cspViolations.push(m.text());
    });
    await page.goto(`${origin}/harness/${app}.html`);
    return h;
  }

  receive(message) {
    const i = this.waiters.findIndex((w) => w.match(message));
    if (i >= 0) {
      const [w] = this.waiters.splice(i, 1);
      clearTimeout(w.timer);
      w.resolve(message);
    } else this.inbox.push(message);
  }

  /** Waits (bounded) for the next message the webview posts that matches. */
  next(match, timeoutMs = 5000, what = 'a message') {
    const fn = typeof match === 'string' ? (m) => m.type === match : match;
    const i = this.inbox.findIndex(fn);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const w = { match: fn, resolve, timer: undefined };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${typeof match === 'string' ? match : what} from the webview; console:\n${this.console.join('\n')}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Posts a host → webview message the way VS Code delivers it (a window 'message' event). */
  async send(message) {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  async screenshot(name) {
    const file = path.join(root, 'test-results', 'screenshots', `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return path.relative(root, file);
  }

  async close() {
    await this.context.close();
  }
}
