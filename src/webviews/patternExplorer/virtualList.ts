import { clear, h } from '../shared/dom';

/**
 * A virtualised, keyboard-driven list: only the rows in view (plus a small overscan) exist in the
 * DOM, so 10,000 patterns cost the same to paint as 30. Rows have a fixed height.
 * Keys: ↑/↓ move, PageUp/PageDown jump, Home/End, Enter opens the selected row.
 */
export interface VirtualListOptions<T> {
  rowHeight: number;
  label: string;
  renderRow(item: T, index: number): HTMLElement;
  onOpen(item: T, index: number): void;
  onSelect?(item: T, index: number): void;
}

export class VirtualList<T> {
  readonly element: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly windowEl: HTMLDivElement;
  private items: readonly T[] = [];
  private selected = -1;
  private frame = 0;
  private static readonly overscan = 8;

  constructor(private readonly options: VirtualListOptions<T>) {
    this.windowEl = h('div', { class: 'vl-window' });
    this.spacer = h('div', { class: 'vl-spacer' }, this.windowEl);
    this.element = h('div', { class: 'vl', role: 'listbox', tabindex: 0, 'aria-label': options.label }, this.spacer);
    this.element.addEventListener('scroll', () => this.schedule());
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.element.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (!row) return;
      this.select(Number(row.dataset.index));
      this.open();
    });
  }

  setItems(items: readonly T[]): void {
    this.items = items;
    this.selected = items.length > 0 ? Math.min(Math.max(this.selected, 0), items.length - 1) : -1;
    this.spacer.style.height = `${items.length * this.options.rowHeight}px`;
    this.render();
  }

  get selectedIndex(): number {
    return this.selected;
  }

  select(index: number): void {
    if (this.items.length === 0) return;
    this.selected = Math.max(0, Math.min(this.items.length - 1, index));
    this.scrollIntoView(this.selected);
    this.render();
    const item = this.items[this.selected];
    if (item !== undefined) this.options.onSelect?.(item, this.selected);
  }

  private open(): void {
    const item = this.items[this.selected];
    if (item !== undefined) this.options.onOpen(item, this.selected);
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.element.clientHeight / this.options.rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.select(this.selected + moves[e.key]!);
    else if (e.key === 'Home') this.select(0);
    else if (e.key === 'End') this.select(this.items.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') this.open();
    else return;
    e.preventDefault();
  }

  private scrollIntoView(index: number): void {
    const top = index * this.options.rowHeight;
    const bottom = top + this.options.rowHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (bottom > this.element.scrollTop + this.element.clientHeight) this.element.scrollTop = bottom - this.element.clientHeight;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const { rowHeight } = this.options;
    const viewport = this.element.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.element.scrollTop / rowHeight) - VirtualList.overscan);
    const last = Math.min(this.items.length, Math.ceil((this.element.scrollTop + viewport) / rowHeight) + VirtualList.overscan);
    clear(this.windowEl);
    this.windowEl.style.transform = `translateY(${first * rowHeight}px)`;
    for (let i = first; i < last; i++) {
      const row = this.options.renderRow(this.items[i]!, i);
      row.dataset.index = String(i);
      row.setAttribute('role', 'option');
      row.setAttribute('aria-selected', String(i === this.selected));
      row.setAttribute('aria-posinset', String(i + 1));
      row.setAttribute('aria-setsize', String(this.items.length));
      row.id = `vl-row-${i}`;
      row.style.height = `${rowHeight}px`;
      if (i === this.selected) row.classList.add('selected');
      this.windowEl.append(row);
    }
    if (this.selected >= 0) this.element.setAttribute('aria-activedescendant', `vl-row-${this.selected}`);
    else this.element.removeAttribute('aria-activedescendant');
  }
}
