import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import * as v from 'valibot';
import { requireSetting } from '../config';
import { EventBridgeReplays } from '../events/event-bridge-replays';

const ArchiveArns = v.object({ all: v.string(), byPartner: v.record(v.string(), v.string()) });

/** Replays of the stage's archives, through EventBridge. */
export function awsReplays(): EventBridgeReplays {
  return new EventBridgeReplays(
    {
      archives: v.parse(ArchiveArns, JSON.parse(requireSetting('REPLAY_ARCHIVES'))),
      busArn: requireSetting('EVENT_BUS_ARN'),
      ruleArns: [requireSetting('REPLAY_RULE_ARN')],
    },
    new EventBridgeClient({}),
  );
}
