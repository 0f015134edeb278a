import type { Service } from '../api/client';
import { formatChange, type Change } from '../service/diff';
import { doctorText, type DoctorSink } from './doctor-report';
import type { OutputFormat } from './format';
import type { Messages } from './messages';
import type { Output } from './stdout';

/** A request a dry run would send. */
export interface DryRunRequest {
  method: string;
  url: string;
  body?: unknown;
  /** An update's difference, beside the request in JSON. */
  changes?: unknown;
}

/** Prints a list as it streams in, page by page. */
export interface ListSink {
  page(rows: Service[]): Promise<void>;
  end(count: number): Promise<void>;
}

/**
 * Every result a command prints, in the format decided once for the run (output/format.ts). The
 * only place that branches on it: commands hand their results here. `table` is the text form, for
 * people: results on stdout, progress and confirmations on stderr.
 */
export class Results {
  constructor(
    private readonly out: Output,
    private readonly msg: Messages,
    private readonly format: OutputFormat,
  ) {}

  /** Text for people rather than a format for programs. */
  private get text(): boolean {
    return this.format === 'table';
  }

  /** One service: JSON, NDJSON, the id, or a field/value table. */
  async service(service: Service): Promise<void> {
    if (this.format === 'json') this.out.json(service);
    else if (this.format === 'ndjson') this.out.ndjson(service);
    else if (this.format === 'ids') this.out.line(service.service_id);
    else await this.out.service(service);
  }

  async created(service: Service): Promise<void> {
    await this.service(service);
    if (this.text) this.msg.success(`created ${service.name} (${service.service_id})`);
  }

  async updated(service: Service, changes: Change[]): Promise<void> {
    await this.service(service);
    if (this.text) {
      this.msg.block(changes.map(formatChange).join('\n'));
      this.msg.success(`updated ${service.name} (${service.service_id})`);
    }
  }

  /**
   * A list, streamed: rows are written as pages arrive and nothing holds the whole list, except a
   * table on a terminal, which needs every row to size its columns.
   */
  list(): ListSink {
    const out = this.out;
    if (this.format === 'json') {
      const array = out.jsonArray();
      return { page: (rows) => array.items(rows), end: () => array.end() };
    }
    if (this.format === 'ndjson') {
      return {
        page: async (rows) => {
          if (!out.ndjsonLines(rows)) await out.drain();
        },
        end: async () => {},
      };
    }
    if (this.format === 'ids') return this.idLines();
    if (out.isTTY) {
      const all: Service[] = [];
      return {
        page: async (rows) => void all.push(...rows),
        end: async (count) => {
          if (count === 0) this.msg.info('no services');
          else await out.serviceList(all);
        },
      };
    }
    const stream = out.listStream();
    return {
      page: (rows) => stream.page(rows),
      end: async (count) => {
        if (count === 0) this.msg.info('no services');
      },
    };
  }

  /** What would be sent: `METHOD URL` and the body, or one JSON object with --json. */
  dryRun(requests: DryRunRequest[], o: { quietNote?: boolean } = {}): void {
    if (this.format === 'json') {
      this.out.json(requests.length === 1 ? requests[0] : requests);
    } else if (this.format === 'ndjson') {
      for (const r of requests) this.out.ndjson(r);
    } else {
      for (const r of requests) {
        this.out.line(`${r.method} ${r.url}`);
        if (r.body !== undefined) this.out.json(r.body);
      }
    }
    if (!o.quietNote) this.msg.info('dry run: nothing was sent');
  }

  /** An update's dry run: the difference on stderr; JSON also carries it beside the request. */
  updateDryRun(request: DryRunRequest, changes: Change[]): void {
    this.msg.block(changes.map(formatChange).join('\n'));
    this.dryRun([this.format === 'json' ? { ...request, changes } : request]);
  }

  /** `create --file` with several definitions: each item as it settles. */
  createdItem(service: Service): void {
    if (this.format === 'ndjson') this.out.ndjson(service);
    else if (this.format === 'ids') this.out.line(service.service_id);
    else if (this.text) this.msg.success(`created ${service.name} (${service.service_id})`);
  }

  /** A batch item that did not succeed: a line of its own in NDJSON. */
  failedItem(row: unknown): void {
    if (this.format === 'ndjson') this.out.ndjson(row);
  }

  /** `create --file`, at the end: every item's result (JSON), or a table of what was created. */
  async createdBatch(results: (Service | object)[]): Promise<void> {
    if (this.format === 'json') this.out.json(results);
    else if (this.text) {
      const created = results.filter((r): r is Service => 'service_id' in r);
      if (created.length) await this.out.serviceList(created);
    }
  }

  /** A reference delete did not find, skipped with --if-exists. */
  deleteSkipped(ref: string): void {
    if (this.text) this.msg.info(`not found, skipped: ${ref}`);
  }

  /** One delete settled: `deleted` false when it was gone already (with --if-exists). */
  deletedItem(service: Service, deleted: boolean): void {
    if (!this.text) return;
    if (deleted) this.msg.success(`deleted ${service.name} (${service.service_id})`);
    else this.msg.info(`not found, skipped: ${service.name} (${service.service_id})`);
  }

  /** delete, at the end: one row per reference; a single reference is one object in JSON. */
  deleteRows<R extends { service_id: string; deleted: boolean }>(rows: R[], single: boolean): void {
    if (this.format === 'json') this.out.json(single && rows.length === 1 ? rows[0] : rows);
    else if (this.format === 'ndjson') for (const row of rows) this.out.ndjson(row);
    else if (this.format === 'ids') for (const row of rows) if (row.deleted) this.out.line(row.service_id);
  }

  /** apply's plan as text; in JSON it comes with the outcome instead. */
  plan(lines: string[]): void {
    if (!this.text) return;
    for (const l of lines) this.out.line(l);
  }

  /** Before apply asks to go on: the plan on stderr, when it did not go to stdout. */
  planBeforeAsking(lines: string[]): void {
    if (!this.text) this.msg.block(lines.join('\n'));
  }

  /** apply --dry-run: the plan and the requests it would send. */
  planDryRun(plan: object[], requests: DryRunRequest[]): void {
    if (this.format === 'json') this.out.json({ plan, requests });
    else if (this.format === 'ndjson') for (const r of requests) this.out.ndjson(r);
    // -q prints ids of services changed, and a dry run changes none.
    else if (this.text && requests.length) {
      this.out.line('');
      this.dryRun(requests, { quietNote: true });
    }
    this.msg.info('dry run: nothing was sent');
  }

  /** One apply step succeeded; `done` is its line for people. */
  appliedItem<O extends { service_id?: string }>(outcome: O, done: string): void {
    if (this.format === 'ndjson') this.out.ndjson(outcome);
    else if (this.format === 'ids' && outcome.service_id !== undefined) this.out.line(outcome.service_id);
    else if (this.text) this.msg.success(done);
  }

  /** apply, at the end (also when nothing changed): the plan and each step's outcome, in JSON. */
  applied(plan: object[], outcome: object[]): void {
    if (this.format === 'json') this.out.json({ plan, outcome });
  }

  /**
   * export's services, streamed page by page: their definitions as one JSON array (the default) or
   * one per line, or with -q their ids. export has its own --format (terraform is not an output
   * format of other commands): it decides when no output flag did (export refuses the two apart).
   */
  exported(given: 'json' | 'ndjson' | undefined, definition: (s: Service) => object): { page(services: Service[]): Promise<void>; end(): Promise<void> } {
    const out = this.out;
    const format = this.format === 'table' ? (given ?? 'json') : this.format;
    if (format === 'ids') return this.idLines();
    if (format === 'json') {
      const array = out.jsonArray();
      return { page: (rows) => array.items(rows.map(definition)), end: () => array.end() };
    }
    return {
      page: async (rows) => {
        if (!out.ndjsonLines(rows.map(definition))) await out.drain();
      },
      end: async () => {},
    };
  }

  /** Services' ids, one per line, as pages arrive. */
  private idLines(): { page(rows: Service[]): Promise<void>; end(): Promise<void> } {
    const out = this.out;
    return {
      page: async (rows) => {
        if (!out.lines(rows.map((s) => s.service_id))) await out.drain();
      },
      end: async () => {},
    };
  }

  /** doctor: check results as they come (one JSON array, or one object per line), then the counts. */
  doctorReport(): DoctorSink {
    const out = this.out;
    if (this.format === 'json') {
      const array = out.jsonArray();
      return { add: (r) => array.items([r]), end: () => array.end() };
    }
    if (this.format === 'ndjson') {
      return {
        add: async (r) => {
          if (!out.ndjsonLines([r])) await out.drain();
        },
        end: async () => {},
      };
    }
    return doctorText(out);
  }

  /** A record (auth status): the object as JSON, or its rows as a field/value table. */
  async record(json: object, rows: [string, string][]): Promise<void> {
    if (this.format === 'json') this.out.json(json);
    else await this.out.keyValue(rows);
  }
}
