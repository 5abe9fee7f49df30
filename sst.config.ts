import { ApplicationLogLevel, LoggingFormat, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import type { SSTConfig } from 'sst';
import { functionLogging } from './packages/core/src/aws/functions';
import { Api } from './stacks/Api';
import { functionBundling } from './stacks/bundling';
import { Events } from './stacks/Events';
import { Monitoring } from './stacks/Monitoring';
import { metricsEnvironment } from './stacks/metrics';
import { Partners } from './stacks/Partners';
import { Recovery } from './stacks/Recovery';
import { nodeRuntime, pinNodeRuntime } from './stacks/runtime';
import { Storage } from './stacks/Storage';
import { stageSettings } from './stacks/stage';
import { Web } from './stacks/Web';
import { Workflow } from './stacks/Workflow';

// This file only composes the stacks, one per concern; what differs per stage is in stacks/stage.ts.
export default {
  config() {
    return { name: 'orders', region: 'us-east-1' };
  },
  stacks(app) {
    app.setDefaultRemovalPolicy(stageSettings(app.stage).removalPolicy);
    app.setDefaultFunctionProps({
      runtime: nodeRuntime,
      architecture: 'arm_64',
      tracing: 'active',
      logRetention: 'one_month',
      loggingFormat: LoggingFormat[functionLogging.format],
      applicationLogLevelV2: ApplicationLogLevel[functionLogging.applicationLogLevel],
      systemLogLevelV2: SystemLogLevel[functionLogging.systemLogLevel],
      environment: { ...metricsEnvironment },
      nodejs: functionBundling,
    });
    // Workflow comes before Events: the bus's rules target the state machine.
    app
      .stack(Storage)
      .stack(Partners)
      .stack(Workflow)
      .stack(Events)
      .stack(Recovery)
      .stack(Api)
      .stack(Web)
      .stack(Monitoring);
    pinNodeRuntime(app);
  },
} satisfies SSTConfig;
