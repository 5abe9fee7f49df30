import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Events } from '@orders/core';
import { type EventPattern, matches, validatePattern } from '@orders/event-pattern';

/** An event as EventBridge delivers it to a target. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export type Target = (event: BusEvent) => Promise<void>;

export interface DeadLetter {
  rule: string;
  event: BusEvent;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface LocalBusOptions {
  name?: string;
  account?: string;
  region?: string;
  /** Delivery attempts per target before the event goes to the dead-letter list. */
  maxDeliveryAttempts?: number;
  retryBaseDelayMs?: number;
  /** Where dead letters are kept across restarts (JSON lines), as a queue keeps them on AWS; omitted, in memory. */
  deadLetterFile?: string;
  /** Called with each event the bus accepts, before any delivery starts (the bench times the bus with it). */
  onAccepted?: (event: BusEvent) => void;
}

// EventBridge refuses entries over 256 KB.
const maxEntryBytes = 256 * 1024;

/**
 * An in-process EventBridge bus: PutEvents with EventBridge's envelope and per-entry results, rules matched
 * with the full pattern grammar, targets invoked asynchronously, failed deliveries retried and then kept
 * as dead letters, never dropped.
 */
export class LocalBus implements Events.EventPublisher {
  readonly name: string;
  readonly deadLetters: DeadLetter[] = [];
  private readonly rules: { name: string; pattern: EventPattern; target: Target }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly options: Required<Omit<LocalBusOptions, 'onAccepted' | 'deadLetterFile'>> &
    Pick<LocalBusOptions, 'onAccepted' | 'deadLetterFile'>;

  constructor(options: LocalBusOptions = {}) {
    this.options = {
      name: 'orders',
      account: '000000000000',
      region: 'us-east-1',
      maxDeliveryAttempts: 3,
      retryBaseDelayMs: 100,
      ...options,
    };
    this.name = this.options.name;
    const file = this.options.deadLetterFile;
    if (file !== undefined && existsSync(file)) {
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '');
      this.deadLetters.push(...lines.map((line) => JSON.parse(line) as DeadLetter));
    }
  }

  /** Adds a rule; the pattern is validated as EventBridge would validate it. */
  addRule(name: string, pattern: unknown, target: Target): void {
    validatePattern(pattern);
    this.rules.push({ name, pattern, target });
  }

  /**
   * The dead letters as a queue that `Events.redriveDeadLetters` drains onto this bus, as `pnpm redrive`
   * does: the letters kept when it was made, each handed out once, each leaving the list once the bus has
   * taken it again. Letters that fail anew while it drains wait for the next redrive, so it always ends.
   */
  deadLetterQueue(): Events.DeadLetterQueue {
    const waiting = [...this.deadLetters];
    const handedOut = new Map<string, DeadLetter>();
    return {
      receive: async (max) =>
        waiting.splice(0, max).map((letter) => {
          const receipt = randomUUID();
          handedOut.set(receipt, letter);
          return { receipt, event: letter.event };
        }),
      remove: async (letters) => {
        const removed = new Set(letters.map(({ receipt }) => handedOut.get(receipt)));
        const kept = this.deadLetters.filter((letter) => !removed.has(letter));
        this.deadLetters.splice(0, this.deadLetters.length, ...kept);
        this.saveDeadLetters();
      },
    };
  }

  async putEvents(entries: Events.EventEntry[]): Promise<Events.PutEventsResult> {
    const results = entries.map((entry) => this.accept(entry));
    return {
      FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
      Entries: results,
    };
  }

  /** Delivers every dead letter to its rule's target again; those that fail again come back to the list. */
  redriveDeadLetters(): number {
    const letters = this.deadLetters.splice(0);
    this.saveDeadLetters();
    for (const letter of letters) {
      const rule = this.rules.find((candidate) => candidate.name === letter.rule);
      if (rule === undefined) this.keepDeadLetter(letter);
      else this.track(this.deliver(rule.name, rule.target, letter.event));
    }
    return letters.length;
  }

  /** Deliveries not finished yet. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Resolves once every delivery, including ones started by deliveries, has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private accept(entry: Events.EventEntry): Events.EventEntryResult {
    if (
      entry.EventBusName !== undefined &&
      entry.EventBusName !== this.name &&
      !entry.EventBusName.endsWith(`/${this.name}`)
    ) {
      return {
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `Event bus ${entry.EventBusName} does not exist.`,
      };
    }
    if (!entry.Source || !entry.DetailType) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Source and DetailType are required.' };
    }
    if (Buffer.byteLength(entry.Detail ?? '') > maxEntryBytes) {
      return { ErrorCode: 'EntryTooLarge', ErrorMessage: 'The entry exceeds 256 KB.' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail must be a JSON object.' };
    }
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: this.options.account,
      time: (entry.Time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.options.region,
      resources: entry.Resources ?? [],
      detail: detail as Record<string, unknown>,
    };
    this.options.onAccepted?.(event);
    for (const rule of this.rules) {
      if (matches(rule.pattern, event)) this.track(this.deliver(rule.name, rule.target, event));
    }
    return { EventId: event.id };
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(rule: string, target: Target, event: BusEvent): Promise<void> {
    // Like EventBridge, targets run after PutEvents has answered, never inside it.
    await new Promise((resolve) => setImmediate(resolve));
    const { maxDeliveryAttempts, retryBaseDelayMs } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        await target(event);
        return;
      } catch (error) {
        if (attempt >= maxDeliveryAttempts) {
          this.keepDeadLetter({
            rule,
            event,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
            attempts: attempt,
            failedAt: new Date().toISOString(),
          });
          return;
        }
        const delay = Math.random() * retryBaseDelayMs * 2 ** attempt;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private keepDeadLetter(letter: DeadLetter): void {
    this.deadLetters.push(letter);
    this.saveDeadLetters();
  }

  // The list is small (each letter is an incident): it is rewritten whole and renamed into place, so a
  // crash leaves the old list or the new one, never half of one.
  private saveDeadLetters(): void {
    const file = this.options.deadLetterFile;
    if (file === undefined) return;
    mkdirSync(dirname(file), { recursive: true });
    const next = `${file}.next`;
    writeFileSync(next, this.deadLetters.map((letter) => `${JSON.stringify(letter)}\n`).join(''));
    renameSync(next, file);
  }
}
