import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../events/event-bridge';

/** The order bus, through EventBridge. */
export function awsPublisher(): EventBridgePublisher {
  return new EventBridgePublisher(new EventBridgeClient({}));
}
