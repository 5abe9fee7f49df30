const PREFIX = 'Event pattern is not valid. Reason: ';

/** Thrown for every event pattern that AWS EventBridge would reject, with AWS's own wording where known. */
export class InvalidEventPatternException extends Error {
  override readonly name = 'InvalidEventPatternException';
  /** The part of the message after AWS's fixed "Event pattern is not valid. Reason: " prefix. */
  readonly reason: string;

  constructor(reason: string) {
    super(PREFIX + reason);
    this.reason = reason;
  }
}

/** Throws an InvalidEventPatternException with the given reason. */
export function reject(reason: string): never {
  throw new InvalidEventPatternException(reason);
}
