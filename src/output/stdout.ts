import type { TtyStream } from '../runtime';
import type { Service } from '../api/client';
import { escapeControl, stringifyJson } from './escape';
import type { Theme } from './theme';
import { LIST_HEADERS, listRow, serviceRows } from './service-fields';

/**
 * The only writer of stdout, and it writes results only. Tables load cli-table3 on first use so
 * that JSON and quiet runs never pay for it.
 */
export class Output {
  constructor(
    private readonly stream: TtyStream,
    readonly theme: Theme,
  ) {}

  get isTTY(): boolean {
    return this.stream.isTTY === true;
  }

  private columns(): number {
    return this.stream.columns && this.stream.columns > 20 ? this.stream.columns : 80;
  }

  /** Pretty JSON, two spaces, one trailing newline. */
  json(value: unknown) {
    this.stream.write(`${stringifyJson(value, 2)}\n`);
  }

  ndjson(value: unknown) {
    this.stream.write(`${stringifyJson(value)}\n`);
  }

  /** Many NDJSON lines in one write; false when stdout wants a drain(). */
  ndjsonLines(values: unknown[]): boolean {
    return this.stream.write(values.map((v) => `${stringifyJson(v)}\n`).join(''));
  }

  /** A plain line of text (ids for -q, dry-run lines); control characters escaped. */
  line(text: string) {
    this.stream.write(`${escapeControl(text)}\n`);
  }

  /** Many plain lines in one write, each escaped; false when stdout wants a drain(). */
  lines(texts: string[]): boolean {
    return this.stream.write(texts.map((t) => `${escapeControl(t)}\n`).join(''));
  }

  /**
   * A JSON array written item by item, formatted exactly as `json()` would format the whole array,
   * so a long list never sits in memory. `end()` closes it (`[]` when empty).
   */
  jsonArray(): { items: (values: unknown[]) => Promise<void>; end: () => Promise<void> } {
    let first = true;
    const write = async (text: string) => {
      if (!this.raw(text)) await this.drain();
    };
    return {
      items: async (values) => {
        let text = '';
        for (const v of values) {
          text += `${first ? '[\n' : ',\n'}${stringifyJson(v, 2).replace(/^/gm, '  ')}`;
          first = false;
        }
        if (text) await write(text);
      },
      end: () => write(first ? '[]\n' : '\n]\n'),
    };
  }

  /** Raw text that the caller built and escaped. */
  raw(text: string) {
    return this.stream.write(text);
  }

  /** Resolves when stdout can take more, so a large list never piles up in memory. */
  drain(): Promise<void> {
    return new Promise((resolve) => this.stream.once('drain', () => resolve()));
  }

  async service(s: Service) {
    await this.keyValue(serviceRows(s));
  }

  /**
   * Field/value rows: keys padded to one column, values after two spaces. Laid out by hand, not by
   * cli-table3: its hard wrap counts and splits the colour codes of bold keys. On a terminal a long
   * value wraps under itself; keys never wrap, so a colour code is never cut.
   */
  async keyValue(rows: [string, string][]) {
    const keyWidth = Math.max(...rows.map(([k]) => k.length)) + 2;
    const valueWidth = this.isTTY ? Math.max(20, this.columns() - keyWidth) : Infinity;
    const lines: string[] = [];
    for (const [k, v] of rows) {
      const value = escapeControl(v);
      const chunks = value.length > valueWidth ? (value.match(new RegExp(`.{1,${valueWidth}}`, 'gsu')) ?? [value]) : [value];
      lines.push(`${this.theme.bold(k)}${' '.repeat(keyWidth - k.length)}${chunks[0] ?? ''}`.trimEnd());
      for (const c of chunks.slice(1)) lines.push(`${' '.repeat(keyWidth)}${c}`.trimEnd());
    }
    this.stream.write(`${lines.join('\n')}\n`);
  }

  /**
   * A list table on a terminal: the whole list is known, so columns fit the screen. When they do
   * not, the tunnel id is shortened to its first 8 characters (`get` shows it whole; pipes always
   * get whole ids) and the name, host and ports columns wrap. The service id is never cut.
   */
  async serviceList(services: Service[]) {
    // Off a terminal every id stays whole, however wide the rows (cli.md section 4).
    if (!this.isTTY) return this.listStream().page(services);
    const Table = await loadTable();
    const budget = this.columns() - 1;
    let rows = services.map((s) => listRow(s).map(escapeControl));
    const natural = () => LIST_HEADERS.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)) + 2);
    const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
    let widths = natural();
    let layout: { colWidths?: number[]; wordWrap?: boolean; wrapOnWordBoundary?: boolean } = {};
    if (sum(widths) > budget) {
      rows = rows.map((r) => r.map((cell, c) => (c === TUNNEL_COLUMN && cell.length > 9 ? `${cell.slice(0, 8)}…` : cell)));
      widths = natural();
      if (sum(widths) > budget) {
        // Name, host and ports share what the id, type and tunnel leave, in proportion to their length.
        const flex = [NAME_COLUMN, HOST_COLUMN, PORTS_COLUMN];
        const fixed = sum(widths.filter((_, c) => !flex.includes(c)));
        const room = Math.max(budget - fixed, 24);
        const flexTotal = sum(flex.map((c) => widths[c] ?? 0));
        for (const c of flex) widths[c] = Math.max((LIST_HEADERS[c] ?? '').length + 2, 8, Math.floor(((widths[c] ?? 0) / flexTotal) * room));
        layout = { colWidths: widths, wordWrap: true, wrapOnWordBoundary: false };
      }
    }
    const t = new Table({
      // Headers stay plain when cells wrap: a colour code cut by wrapping would leak.
      head: LIST_HEADERS.map((h) => (layout.wordWrap ? h : this.theme.bold(h))),
      style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
      chars: PLAIN_CHARS,
      ...layout,
    });
    for (const r of rows) t.push(r);
    this.stream.write(`${trimLines(t.toString())}\n`);
  }

  /**
   * List rows for a pipe: plain columns, whole ids, written page by page so memory stays flat.
   * Column widths come from the first page; later longer values simply push their row wider.
   */
  listStream(): { page: (services: Service[]) => Promise<void> } {
    let widths: number[] | undefined;
    return {
      page: async (services) => {
        const rows = services.map((s) => listRow(s).map(escapeControl));
        if (!widths) {
          widths = LIST_HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
          // Bold is applied after padding, so colour codes never count as width.
          const header = formatRow(LIST_HEADERS, widths).replace(/\S+/g, (h) => this.theme.bold(h));
          this.stream.write(`${header}\n`);
        }
        let ok = true;
        for (const r of rows) ok = this.stream.write(`${formatRow(r, widths)}\n`);
        if (!ok) await this.drain();
      },
    };
  }
}

const trimLines = (text: string) => text.split('\n').map((l) => l.trimEnd()).join('\n');

// The last cell's padding is trimmed with the rest: no column is padded at the end of a row.
function formatRow(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
}

const PLAIN_CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
};

const NAME_COLUMN = 0;
const HOST_COLUMN = 3;
const TUNNEL_COLUMN = 4;
const PORTS_COLUMN = 5;

type TableCtor = typeof import('cli-table3');
let tableModule: Promise<TableCtor> | undefined;
async function loadTable(): Promise<TableCtor> {
  tableModule ??= import('cli-table3').then((m) => ((m as { default?: TableCtor }).default ?? m) as TableCtor);
  return tableModule;
}
