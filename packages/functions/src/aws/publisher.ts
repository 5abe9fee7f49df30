import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../events/event-bridge';
import { tracer } from '../tracing';

/** The order bus, through a traced EventBridge client. */
export function awsPublisher(): EventBridgePublisher {
  return new EventBridgePublisher(tracer.captureAWSv3Client(new EventBridgeClient({})));
}
