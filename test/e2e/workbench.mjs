/* global document */
// Drives the VS Code workbench in the page as a user would: the command palette, notifications,
// the activity bar, views and webview frames. Every wait is bounded.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  async waitReady(timeout = 90000) {
    await this.page.waitForSelector('.monaco-workbench', { timeout });
    // The status bar and activity bar render once the workbench has restored.
    await this.page.waitForSelector('.part.statusbar', { timeout });
    await this.page.waitForSelector('.activitybar', { timeout });
  }

  async screenshot(name) {
    const file = path.join(root, 'test-results', 'screenshots', `${name}.png`);
    await this.page.screenshot({ path: file });
    return path.relative(root, file);
  }

  /**
   * Opens the command palette, types a command's title and runs it. Retries until the deadline: right
   * after the workbench appears, installed extensions' contributions are still being registered.
   */
  async runCommand(title, { timeout = 30000 } = {}) {
    const input = this.page.locator('.quick-input-widget input.input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const deadline = Date.now() + timeout;
    let lastError;
    while (Date.now() < deadline) {
      try {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('Control+Shift+P');
        await input.waitFor({ state: 'visible', timeout: 5000 });
        // Bounded per attempt: a palette that opened while focus was moving can stay inert; try again.
        await input.fill(`>${title}`, { timeout: 5000 });
        await row.waitFor({ state: 'visible', timeout: 4000 });
        await row.click();
        return;
      } catch (err) {
        lastError = err;
        // Focus may be inside a webview (the palette key goes there), or the command is not registered yet.
        await this.page.locator('.part.statusbar').click({ position: { x: 2, y: 2 } }).catch(() => undefined);
      }
    }
    throw new Error(`command "${title}" not found in the palette within ${timeout} ms: ${lastError?.message ?? ''}`);
  }

  /** Waits for a notification whose text matches, returns its text. */
  async notification(re, timeout = 30000) {
    const toast = this.page.locator('.notifications-toasts .notification-toast, .notification-list-item', { hasText: re }).first();
    await toast.waitFor({ state: 'visible', timeout });
    return (await toast.innerText()).trim();
  }

  async clearNotifications() {
    await this.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
  }

  /**
   * Fills the simple (web) file dialog with a path and accepts it. The dialog writes its start folder
   * into the box once it has read it, so wait for that before typing, and check the box kept our path.
   */
  async pickFile(absPath, timeout = 20000) {
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout });
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline && !(await input.inputValue()).startsWith('/')) await this.page.waitForTimeout(100);
    while (Date.now() < deadline) {
      await input.fill(absPath);
      await this.page.waitForTimeout(800);
      if ((await input.inputValue()) !== absPath) continue;
      await input.press('Enter');
      try {
        await input.waitFor({ state: 'hidden', timeout: 5000 });
        return;
      } catch {
        // the dialog was still validating; type again
      }
    }
    throw new Error(`the file dialog did not accept ${absPath} within ${timeout} ms`);
  }

  async openViewContainer(title, timeout = 15000) {
    const item = this.page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`).first();
    await item.waitFor({ state: 'visible', timeout });
    const expanded = await this.page.locator('.sidebar .composite.title', { hasText: new RegExp(title, 'i') }).count();
    if (!expanded) await item.click();
  }

  /** A view pane (header and body) by its title. */
  pane(viewTitle) {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: viewTitle }) });
  }

  /** Right-clicks a row and picks an entry of its context menu (VS Code draws menus in a shadow root; locators pierce it). */
  async contextMenu(row, entry, timeout = 20000) {
    await row.click({ button: 'right' });
    const item = this.page.locator('.monaco-menu .action-item', { hasText: entry }).first();
    await item.waitFor({ state: 'visible', timeout });
    await item.hover();
    await item.click();
    // A click that lands while the menu is still laying out is dropped; the entry is then focused: Enter runs it.
    await this.page.waitForTimeout(500);
    if (await item.isVisible().catch(() => false)) await this.page.keyboard.press('Enter');
  }

  /** Clicks a button of the modal dialog (confirmations). */
  async dialogButton(label, timeout = 30000) {
    const button = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();
    await button.waitFor({ state: 'visible', timeout });
    await button.click();
    await this.page.locator('.monaco-dialog-box').waitFor({ state: 'hidden', timeout });
  }

  /** Types into the open input box / quick pick and accepts. */
  async quickInput(text, timeout = 20000) {
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(text);
    await this.page.waitForTimeout(300);
    await input.press('Enter');
  }

  /** Picks an entry of the open quick pick by its label. */
  async quickPick(label, timeout = 20000) {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout });
    await row.click();
  }

  /** The rows of a view pane (tree) by its title. */
  viewRows(viewTitle) {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: viewTitle }) }).locator('.monaco-list-row');
  }

  /** The content frame of the active webview (two nested iframes in the web workbench). */
  webviewFrame() {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  async bodyText() {
    return this.page.evaluate(() => document.body.innerText);
  }
}

/** How many pixels of a canvas (a chart in a webview) have been drawn: a chart that rendered has ink. */
export function canvasInk(canvas) {
  return canvas.evaluate((c) => {
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
    return n;
  });
}
