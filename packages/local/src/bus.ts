import { randomUUID } from 'node:crypto';
import { Events } from '@orders/core';
import { eventBridge } from '@orders/core/aws/limits';
import { type EventPattern, matches, validatePattern } from '@orders/event-pattern';
import { EventArchive, type EventArchiveOptions } from './archive';
import { DeadLetterStore } from './dead-letters';

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
  /** Set on an event re-delivered from the archive: the replay's name, as EventBridge sets it. */
  'replay-name'?: string;
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
  /** Where dead letters are kept across restarts (JSON lines); omitted, only in memory. */
  deadLetterFile?: string;
  /** The archive's file, bound and retention (`Events.archive`); omitted, kept in memory for 30 days. */
  archive?: EventArchiveOptions;
  /** Called with each event the bus accepts, before any delivery starts (the bench times the bus with it). */
  onAccepted?: (event: BusEvent) => void;
  /**
   * Fault injection (tests): when it answers true, the delivery of that event to that rule's target fails
   * before the target runs, as EventBridge's delivery fails when a target cannot be reached.
   */
  failDelivery?: (rule: string, event: BusEvent) => boolean;
  /**
   * Fault injection (tests): when it answers an error, PutEvents throws it for the whole request and puts
   * none of its entries, as a throttled, failing or unreachable EventBridge does.
   */
  failPutEvents?: (entries: readonly Events.EventEntry[]) => Error | undefined;
  /**
   * Unkind delivery (tests): how many times an event reaches a rule's target, 1 when omitted. EventBridge
   * retries a delivery whose outcome it did not see, so a target can receive one event more than once
   * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html).
   */
  deliveriesOf?: (rule: string, event: BusEvent) => number;
  /**
   * Unkind delivery (tests): a wait before an event's delivery starts, so later events overtake it; EventBridge
   * keeps no order between events.
   */
  deliveryDelayMs?: (rule: string, event: BusEvent) => number;
}

type Unkindness = 'failDelivery' | 'failPutEvents' | 'deliveriesOf' | 'deliveryDelayMs';

/** PutEvents refused whole, as EventBridge refuses a request over its limits: nothing of it is put. */
export class ValidationException extends Error {
  override readonly name = eventBridge.requestTooLargeError;
}

/** An entry's size as EventBridge computes it (one computation, in core). */
export const entrySize = Events.entrySize;

/**
 * An in-process EventBridge bus: PutEvents with EventBridge's envelope and per-entry results, rules matched
 * with the full pattern grammar, targets invoked asynchronously, failed deliveries retried and then kept
 * as dead letters, never dropped.
 */
export class LocalBus implements Events.EventPublisher {
  readonly name: string;
  private readonly deadLetterStore: DeadLetterStore;
  private readonly rules: { name: string; pattern: EventPattern; target: Target }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly options: Required<
    Omit<LocalBusOptions, Unkindness | 'onAccepted' | 'deadLetterFile' | 'archive'>
  > &
    Pick<LocalBusOptions, Unkindness | 'onAccepted'>;

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
    this.deadLetterStore = new DeadLetterStore(options.deadLetterFile);
    this.archive = new EventArchive(options.archive);
  }

  /** Every archived event, replayable for its retention. */
  readonly archive: EventArchive;
  private readonly replays = new Map<string, Events.Replay>();

  /**
   * StartReplay: re-delivers the archived events of [from, to) (one partner's submissions, when given) to
   * the named rules' targets, oldest first, each with `replay-name` set. Names are unique, as EventBridge's
   * are; a replay's progress is read with `describeReplay`.
   */
  startReplay(request: Events.ReplayRequest & { rules: readonly string[] }): Events.Replay {
    if (this.replays.has(request.name)) {
      throw new Events.ReplayExistsError(`a replay named ${request.name} exists already`);
    }
    const source = request.partnerId === undefined ? undefined : Events.partnerSource(request.partnerId);
    const events = this.archive.between(
      request.from,
      request.to,
      (event) => source === undefined || event.source === source,
    );
    const replay: Events.Replay = {
      name: request.name,
      state: 'STARTING',
      from: request.from.toISOString(),
      to: request.to.toISOString(),
      ...(request.partnerId === undefined ? {} : { partnerId: request.partnerId }),
      startedAt: new Date().toISOString(),
    };
    this.replays.set(request.name, replay);
    const rules = this.rules.filter((rule) => request.rules.includes(rule.name));
    this.track(this.runReplay(replay, events, rules));
    return { ...replay };
  }

  /** DescribeReplay: where a replay stands, or undefined for a name never started. */
  describeReplay(name: string): Events.Replay | undefined {
    const replay = this.replays.get(name);
    return replay === undefined ? undefined : { ...replay };
  }

  private async runReplay(
    replay: Events.Replay,
    events: BusEvent[],
    rules: { name: string; pattern: EventPattern; target: Target }[],
  ): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    replay.state = 'RUNNING';
    for (const archived of events) {
      const event: BusEvent = { ...archived, 'replay-name': replay.name };
      const deliveries = rules
        .filter((rule) => matches(rule.pattern, event))
        .map((rule) => this.deliver(rule.name, rule.target, event));
      await Promise.all(deliveries);
      replay.lastReplayedAt = archived.time;
    }
    replay.state = 'COMPLETED';
    replay.endedAt = new Date().toISOString();
  }

  /** The account and region its events carry. */
  get account(): string {
    return this.options.account;
  }
  get region(): string {
    return this.options.region;
  }

  /** Deliveries that kept failing, oldest first (read back from the file after a restart). */
  get deadLetters(): readonly DeadLetter[] {
    return this.deadLetterStore.letters;
  }

  /** Adds a rule; the pattern is validated as EventBridge would validate it. */
  addRule(name: string, pattern: unknown, target: Target): void {
    validatePattern(pattern);
    this.rules.push({ name, pattern, target });
  }

  /**
   * The dead letters as a queue that `Events.redriveDeadLetters` drains onto this bus, as `pnpm redrive`
   * does: the letters kept when it was made, each handed out once, each leaving the list (and the file)
   * once the bus has taken it again. Letters that fail anew while it drains wait for the next redrive.
   */
  deadLetterQueue(): Events.DeadLetterQueue {
    const waiting = [...this.deadLetterStore.letters];
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
        const kept = this.deadLetterStore.letters.filter((letter) => !removed.has(letter));
        this.deadLetterStore.letters.splice(0, this.deadLetterStore.letters.length, ...kept);
        this.deadLetterStore.compact();
      },
    };
  }

  /**
   * PutEvents: 1 to 10 entries of at most 256 KB together, else the whole request fails with
   * `ValidationException`; within a valid request each entry succeeds or fails on its own.
   */
  async putEvents(entries: Events.EventEntry[]): Promise<Events.PutEventsResult> {
    if (entries.length === 0 || entries.length > eventBridge.maxEntriesPerRequest) {
      throw new ValidationException(
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${eventBridge.maxEntriesPerRequest} and greater than or equal to 1 (got ${entries.length})`,
      );
    }
    const total = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
    if (total > eventBridge.maxRequestBytes) {
      throw new ValidationException(
        `${eventBridge.requestTooLargeMessage} (${total} bytes, limit ${eventBridge.maxRequestBytes})`,
      );
    }
    const failure = this.options.failPutEvents?.(entries);
    if (failure !== undefined) throw failure;
    const results = entries.map((entry) => this.accept(entry));
    return {
      FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
      Entries: results,
    };
  }

  /** Delivers every dead letter to its rule's target again; those that fail again come back to the list. */
  redriveDeadLetters(): number {
    const letters = this.deadLetterStore.take();
    const deliveries: Promise<void>[] = [];
    for (const letter of letters) {
      const rule = this.rules.find((candidate) => candidate.name === letter.rule);
      if (rule === undefined) this.deadLetterStore.add(letter);
      else deliveries.push(this.deliver(rule.name, rule.target, letter.event));
    }
    // Compacted once every redelivery has ended, delivered or dead again, so a crash before then loses none.
    const settled = Promise.allSettled(deliveries).then(() => this.deadLetterStore.compact());
    this.track(settled);
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
    this.archive.add(event);
    for (const rule of this.rules) {
      if (!matches(rule.pattern, event)) continue;
      const times = this.options.deliveriesOf?.(rule.name, event) ?? 1;
      for (let i = 0; i < times; i++) this.track(this.deliver(rule.name, rule.target, event));
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
    const delayMs = this.options.deliveryDelayMs?.(rule, event) ?? 0;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const { maxDeliveryAttempts, retryBaseDelayMs } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        if (this.options.failDelivery?.(rule, event))
          throw new Error(`the delivery to ${rule}'s target failed`);
        await target(event);
        return;
      } catch (error) {
        if (attempt >= maxDeliveryAttempts) {
          this.deadLetterStore.add({
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
}
