/**
 * How long a submission may stay pending before recovery announces it again. Well past an Express
 * execution's 5-minute limit and the workflow's retries, so a submission still on its way is left alone.
 */
export const defaultRecoveryMinAgeMs = 15 * 60_000;
