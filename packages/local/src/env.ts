// Imported first by main.ts, before any handler module builds its Powertools logger from the environment:
// locally, logs are pretty-printed JSON at WARN unless POWERTOOLS_LOG_LEVEL says otherwise, and metrics
// (EMF, meant for CloudWatch) are off.
process.env.POWERTOOLS_DEV ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

export {};
