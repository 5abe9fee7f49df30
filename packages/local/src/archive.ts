import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Events } from '@orders/core';
import { type EventPattern, matches } from '@orders/event-pattern';
import type { BusEvent } from './bus';

export interface EventArchiveOptions {
  /** Where the archive is kept across restarts (JSON lines); omitted, only in memory. */
  file?: string;
  /** At most this many events, the oldest dropped first. */
  maxEvents?: number;
  /** How long an event is kept, from its time: the stack's archive retention. */
  retentionMs?: number;
  now?: () => Date;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The local bus's archive, as EventBridge's archive on the bus: every event matching the archive's pattern
 * (`Events.archive`), kept for its retention (30 days) and bounded in count, so a long local run cannot
 * grow it without end. Appended as events arrive; rewritten only when events age out or overflow.
 */
export class EventArchive {
  private events: BusEvent[] = [];
  private readonly maxEvents: number;
  private readonly retentionMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: EventArchiveOptions = {}) {
    this.maxEvents = options.maxEvents ?? 100_000;
    this.retentionMs = options.retentionMs ?? Events.archive.retentionDays * dayMs;
    this.now = options.now ?? (() => new Date());
    const { file } = options;
    if (file === undefined || !existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      try {
        this.events.push(JSON.parse(line) as BusEvent);
      } catch {
        // A line cut short by a crash is skipped; the rest still load.
      }
    }
    if (this.prune()) this.rewrite();
  }

  /** Keeps the event if the archive's pattern matches it. */
  add(event: BusEvent): void {
    if (!matches(Events.archive.pattern as unknown as EventPattern, event)) return;
    this.events.push(event);
    if (this.prune()) {
      this.rewrite();
      return;
    }
    if (this.options.file === undefined) return;
    mkdirSync(dirname(this.options.file), { recursive: true });
    appendFileSync(this.options.file, `${JSON.stringify(event)}\n`);
  }

  /** The events whose time is in [from, to), oldest first, that `accept` admits. */
  between(from: Date, to: Date, accept: (event: BusEvent) => boolean = () => true): BusEvent[] {
    this.prune();
    const start = from.getTime();
    const end = to.getTime();
    return this.events
      .filter((event) => {
        const time = Date.parse(event.time);
        return time >= start && time < end && accept(event);
      })
      .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  }

  get size(): number {
    return this.events.length;
  }

  // Drops what is past its retention and what overflows the bound; answers whether anything went.
  private prune(): boolean {
    const before = this.events.length;
    const oldest = this.now().getTime() - this.retentionMs;
    this.events = this.events.filter((event) => Date.parse(event.time) >= oldest);
    // Overflow drops a tenth at once, so the file is not rewritten on every event past the bound.
    if (this.events.length > this.maxEvents) {
      this.events = this.events.slice(this.events.length - Math.floor(this.maxEvents * 0.9));
    }
    return this.events.length !== before;
  }

  private rewrite(): void {
    const { file } = this.options;
    if (file === undefined) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, this.events.map((event) => `${JSON.stringify(event)}\n`).join(''));
    renameSync(`${file}.tmp`, file);
  }
}
