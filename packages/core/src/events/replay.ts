import { OrdersError } from '../errors';

/** A replay's state, as EventBridge's DescribeReplay reports it. */
export const replayStates = [
  'STARTING',
  'RUNNING',
  'CANCELLING',
  'COMPLETED',
  'CANCELLED',
  'FAILED',
] as const;
export type ReplayState = (typeof replayStates)[number];

/**
 * A replay's name: what StartReplay accepts, 1 to 64 of `.`, `-`, `_`, letters and digits
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Replay.html).
 */
export const replayNamePattern = /^[.\-_A-Za-z0-9]{1,64}$/;

export interface ReplayRequest {
  name: string;
  /** Events whose time is at or after this, */
  from: Date;
  /** and before this, are replayed. */
  to: Date;
  /** Only this partner's submissions; all partners' when absent. */
  partnerId?: string;
}

export interface Replay {
  name: string;
  state: ReplayState;
  from: string;
  to: string;
  partnerId?: string;
  /** The time of the last event replayed: how far into the range it has come. */
  lastReplayedAt?: string;
  startedAt?: string;
  endedAt?: string;
  reason?: string;
}

/** Replays of the bus's archive: EventBridge's StartReplay and DescribeReplay, or the local bus's own. */
export interface ReplaySource {
  start(request: ReplayRequest): Promise<Replay>;
  describe(name: string): Promise<Replay | undefined>;
}

/** A replay of that name exists already: EventBridge's names are unique, finished replays included. */
export class ReplayExistsError extends OrdersError {
  override readonly name = 'ReplayExistsError';
  readonly code = 'replay_exists';
}

/** Too many replays are running at once (EventBridge's LimitExceededException). */
export class ReplayLimitError extends OrdersError {
  override readonly name = 'ReplayLimitError';
  readonly code = 'replay_limit';
  override readonly transient = true;
}

/** A name for a new replay: when it was asked for, and a random tail so two at one second differ. */
export function newReplayName(now: Date, random: string): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `orders-${stamp}-${random}`.slice(0, 64);
}
