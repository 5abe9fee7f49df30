import {
  DescribeReplayCommand,
  type DescribeReplayCommandOutput,
  type EventBridgeClient,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import {
  type Replay,
  ReplayExistsError,
  ReplayLimitError,
  type ReplayRequest,
  type ReplaySource,
  type ReplayState,
  replayStates,
} from '@orders/core/events/replay';

export interface ReplaySettings {
  /** The bus's archive of every order event, and one archive per partner of its submissions. */
  archives: { all: string; byPartner: Record<string, string> };
  /** Where replayed events go: the bus that archived them. */
  busArn: string;
  /** The rules they are replayed to: the OrderSubmitted rule, so only the workflow runs again. */
  ruleArns: string[];
}

/**
 * Replays through EventBridge: StartReplay of the archive (a partner's own when one is named) for
 * [from, to) to the bus, filtered to the workflow's rule; DescribeReplay for its progress
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_StartReplay.html,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DescribeReplay.html). EventBridge
 * replays in one-minute steps by event time; `lastReplayedAt` (EventLastReplayedTime) says how far it is.
 * StartReplay has no filter by source, so a partner's replay reads that partner's archive.
 */
export class EventBridgeReplays implements ReplaySource {
  constructor(
    private readonly settings: ReplaySettings,
    private readonly client: Pick<EventBridgeClient, 'send'>,
  ) {}

  async start(request: ReplayRequest): Promise<Replay> {
    const archive =
      request.partnerId === undefined
        ? this.settings.archives.all
        : this.settings.archives.byPartner[request.partnerId];
    if (archive === undefined) throw new Error(`no archive is configured for partner ${request.partnerId}`);
    try {
      const answer = await this.client.send(
        new StartReplayCommand({
          ReplayName: request.name,
          EventSourceArn: archive,
          EventStartTime: request.from,
          EventEndTime: request.to,
          Destination: { Arn: this.settings.busArn, FilterArns: this.settings.ruleArns },
        }),
      );
      return {
        name: request.name,
        state: stateOf(answer.State),
        from: request.from.toISOString(),
        to: request.to.toISOString(),
        ...(request.partnerId === undefined ? {} : { partnerId: request.partnerId }),
        ...(answer.ReplayStartTime === undefined ? {} : { startedAt: answer.ReplayStartTime.toISOString() }),
        ...(answer.StateReason === undefined ? {} : { reason: answer.StateReason }),
      };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'ResourceAlreadyExistsException') {
        throw new ReplayExistsError(`a replay named ${request.name} exists already`, { cause: error });
      }
      if (name === 'LimitExceededException') {
        throw new ReplayLimitError('too many replays are running; try again once one has finished', {
          cause: error,
        });
      }
      throw error;
    }
  }

  async describe(name: string): Promise<Replay | undefined> {
    let answer: DescribeReplayCommandOutput;
    try {
      answer = await this.client.send(new DescribeReplayCommand({ ReplayName: name }));
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
    const partnerId = Object.entries(this.settings.archives.byPartner).find(
      ([, arn]) => arn === answer.EventSourceArn,
    )?.[0];
    return {
      name,
      state: stateOf(answer.State),
      from: (answer.EventStartTime ?? new Date(0)).toISOString(),
      to: (answer.EventEndTime ?? new Date(0)).toISOString(),
      ...(partnerId === undefined ? {} : { partnerId }),
      ...(answer.EventLastReplayedTime === undefined
        ? {}
        : { lastReplayedAt: answer.EventLastReplayedTime.toISOString() }),
      ...(answer.ReplayStartTime === undefined ? {} : { startedAt: answer.ReplayStartTime.toISOString() }),
      ...(answer.ReplayEndTime === undefined ? {} : { endedAt: answer.ReplayEndTime.toISOString() }),
      ...(answer.StateReason === undefined ? {} : { reason: answer.StateReason }),
    };
  }
}

function stateOf(state: string | undefined): ReplayState {
  return replayStates.find((known) => known === state) ?? 'STARTING';
}
