/**
 * Lets at most `concurrency` calls of `task` run at once and queues the rest, as a Lambda function's
 * reserved concurrency does (where AWS throttles, this waits).
 */
export function limitConcurrency<TInput, TOutput>(
  concurrency: number,
  task: (input: TInput) => Promise<TOutput>,
): (input: TInput) => Promise<TOutput> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (input) => {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task(input);
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
