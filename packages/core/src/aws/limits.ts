// Every AWS limit or failure semantic the product relies on, each beside the AWS page it comes from. The
// product sizes its batches and retries by these, and the local runtime enforces them, so a local run fails
// where AWS fails. Nothing here may import an SDK: the handlers, the stacks and the web-free core all read it.

/** 1 KB as DynamoDB and EventBridge count it: "DynamoDB denotes 1 KB = 1024 bytes". */
const kib = 1024;

export const stepFunctions = {
  /**
   * State input and output, task input and result, execution input: "262,144 bytes of data as a UTF-8
   * encoded string" (https://docs.aws.amazon.com/step-functions/latest/dg/limits.html,
   * https://docs.aws.amazon.com/step-functions/latest/dg/express-limits.html).
   */
  maxPayloadBytes: 262_144,
  /**
   * A breach is terminal: "This is a terminal error that can't be caught by the States.ALL error type"
   * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
   */
  dataLimitExceededError: 'States.DataLimitExceeded',
  /**
   * "[Express Workflows] can run for up to five minutes"; past it the execution "will fail with a
   * `States.Timeout` error" (https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html,
   * https://docs.aws.amazon.com/step-functions/latest/dg/express-limits.html).
   */
  expressMaxDurationSeconds: 5 * 60,
  /** "A Task state either ran longer than the TimeoutSeconds value" (concepts-error-handling.html above). */
  timeoutError: 'States.Timeout',
  /** "States.ALL … A wildcard that matches any known error name" (concepts-error-handling.html above). */
  allErrors: 'States.ALL',
} as const;

export const lambda = {
  /**
   * "Unhandled errors in Lambda are reported as Lambda.Unknown in the error output. These include
   * out-of-memory errors and function timeouts"
   * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html).
   */
  unknownError: 'Lambda.Unknown',
  /**
   * The errorType a timed-out invocation's payload carries ("Function times out … (Sandbox.Timedout)",
   * https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html). Step Functions documents
   * the error as Lambda.Unknown; this name is what the payload (the Cause) shows, so Retry lists name both.
   */
  timedOutErrorType: 'Sandbox.Timedout',
  /**
   * "When Lambda hits the maximum number of invocations, the error is Lambda.TooManyRequestsException"
   * (bp-lambda-serviceexception.html above); reserved concurrency is both the floor and the ceiling
   * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html).
   */
  throttledError: 'Lambda.TooManyRequestsException',
  /**
   * Transient service errors of the Invoke call itself, which AWS recommends retrying: "ClientExecutionTimeoutException,
   * ServiceException, AWSLambdaException, or SdkClientException … reported as Lambda.ErrorName"
   * (bp-lambda-serviceexception.html above).
   */
  serviceErrors: [
    'Lambda.ClientExecutionTimeoutException',
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
  ],
  /**
   * Asynchronous invocation (an EventBridge rule's target): "If the function returns an error, by default
   * Lambda attempts to run it two more times, with a one-minute wait between the first two attempts, and
   * two minutes between the second and third attempts", then the on-failure destination
   * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html,
   * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
   */
  asyncRetryAttempts: 2,
  asyncRetryDelaysSeconds: [60, 120],
} as const;

export const eventBridge = {
  /** PutEvents takes 1 to 10 entries (the service model's PutEventsRequestEntryList: "max": 10). */
  maxEntriesPerRequest: 10,
  /**
   * "The total entry size must be less than 256KB", entry size computed as documented
   * (https://docs.aws.amazon.com/eventbridge/latest/userguide/calculate-putevents-entry-size.html).
   * On 2026-01-29 AWS raised EventBridge payloads to 1 MB
   * (https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb),
   * and the API reference now says 1MB; the user guide still says 256KB, so the product keeps to the lower.
   */
  maxRequestBytes: 256 * kib,
  /** Time counts 14 bytes when given (calculate-putevents-entry-size.html above). */
  timeEntryBytes: 14,
  /** What a request over the limits fails with, whole (no AWS page names it; seen from the service). */
  requestTooLargeError: 'ValidationException',
  requestTooLargeMessage: 'Total size of the entries in the request is over the limit.',
  /**
   * The longest EventBridge keeps trying to deliver an event to a target: "By default, EventBridge retries
   * sending the event for 24 hours" and at most 86,400 s when set
   * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html,
   * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html).
   */
  maxEventAgeSeconds: 24 * 60 * 60,
} as const;

export const dynamoDb = {
  /**
   * "The maximum item size in DynamoDB is 400 KB, which includes both attribute name binary length (UTF-8
   * length) and attribute value lengths" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html).
   */
  maxItemBytes: 400 * kib,
  /** "The maximum length [of a partition key value] is 2048 bytes" (Constraints.html above). */
  maxPartitionKeyBytes: 2048,
  /** "The maximum length [of a sort key value] is 1024 bytes" (Constraints.html above). */
  maxSortKeyBytes: 1024,
  /**
   * "TransactWriteItems is a synchronous write operation that groups up to 100 action requests … The
   * aggregate size of the items in the transaction cannot exceed 4 MB"
   * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
   */
  maxTransactionItems: 100,
  maxTransactionBytes: 4 * kib * kib,
  /**
   * A partition serves "a maximum capacity of 3,000 read units per second and 1,000 write units per second"
   * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html).
   */
  partitionWriteUnitsPerSecond: 1000,
  partitionReadUnitsPerSecond: 3000,
  /**
   * Throttles, retriable (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
   */
  throttlingErrors: ['ProvisionedThroughputExceededException', 'ThrottlingException'],
  validationError: 'ValidationException',
  /**
   * The service's ValidationException messages, verbatim as AWS answers them (not on AWS's pages; the
   * missing space in "of2048" included). DynamoDB Local raises the same error name for each limit, with its
   * own wording for the keys and the transaction; the product matches on the name, never on the message.
   */
  messages: {
    itemTooLarge: 'Item size has exceeded the maximum allowed size',
    partitionKeyTooLarge:
      'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes',
    sortKeyTooLarge:
      'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
  },
} as const;

export const ssmParameterStore = {
  /**
   * "Maximum size of a parameter value": 4 KB in the standard tier (no additional charge), 8 KB in the
   * advanced tier (charged); a standard parameter can be changed to advanced at any time, never back
   * (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html).
   * AWS counts characters: "Standard tier parameters support a maximum parameter value of 4096 characters".
   */
  standardMaxValueChars: 4 * kib,
  advancedMaxValueChars: 8 * kib,
} as const;

export type WorkflowType = 'STANDARD' | 'EXPRESS';
