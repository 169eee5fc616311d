/**
 * A tiny element builder. Data is only ever set as text (never innerHTML), so a transcript that
 * contains markup stays text.
 */
type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

export function percent(x: number, digits = 0): string {
  return `${(x * 100).toFixed(digits)}%`;
}

export function signed(x: number, digits = 1): string {
  const s = (x * 100).toFixed(digits);
  return `${x > 0 ? '+' : ''}${s} pp`;
}

/**
 * Styles arrive as text from the bundle and are adopted as a constructable stylesheet: the CSP has no
 * 'unsafe-inline', and adopted sheets are not inline <style> elements.
 */
export function adoptStyles(...cssTexts: string[]): void {
  const sheets = cssTexts.map((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...sheets];
}

/** Reads a VS Code theme colour (a CSS variable the workbench sets on <html>). */
export function themeColor(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/**
 * The `#result` status line under a panel's actions. It remembers the last outcome, so a re-render
 * (data refreshed after the action) draws the same line again instead of blanking it.
 */
export function resultLine(): { element(): HTMLElement; show(text: string, error?: boolean): void } {
  let last: { text: string; error: boolean } | undefined;
  return {
    element: () => h('div', { id: 'result', role: 'status', class: last?.error ? 'error' : undefined }, last?.text ?? ''),
    show(text, error = false) {
      last = { text, error };
      const el = document.getElementById('result');
      if (!el) return;
      el.textContent = text;
      el.className = error ? 'error' : '';
    },
  };
}
