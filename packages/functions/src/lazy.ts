import type { LambdaHandler } from './observability';

/**
 * Builds a handler on first invocation, so importing a module (as the local runtime does) reads no config.
 * A failed build is not kept: the next invocation builds again, so one cold start that could not reach a
 * dependency (the secret, say) does not fail every invocation the container ever serves.
 */
export function lazy<TEvent, TResult>(
  build: () => Promise<LambdaHandler<TEvent, TResult>> | LambdaHandler<TEvent, TResult>,
): LambdaHandler<TEvent, TResult> {
  let built: Promise<LambdaHandler<TEvent, TResult>> | undefined;
  return async (event, context) => {
    if (built === undefined) {
      const attempt = Promise.resolve().then(build);
      built = attempt;
      attempt.catch(() => {
        if (built === attempt) built = undefined;
      });
    }
    return (await built)(event, context);
  };
}
