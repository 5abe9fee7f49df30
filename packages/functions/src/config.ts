import * as v from 'valibot';

const Environment = v.object({
  TABLE_NAME: v.pipe(v.string(), v.nonEmpty()),
  EVENT_BUS_NAME: v.optional(v.pipe(v.string(), v.nonEmpty()), 'orders'),
});
export type Config = v.InferOutput<typeof Environment>;

let config: Config | undefined;

/** The deployed functions' configuration, read from the environment once; names every missing key. */
export function readConfig(environment: Record<string, string | undefined> = process.env): Config {
  if (config !== undefined) return config;
  const result = v.safeParse(Environment, environment);
  if (!result.success) {
    const keys = result.issues.map((issue) => v.getDotPath(issue) ?? '?').join(', ');
    throw new Error(`missing or invalid configuration: ${keys}`);
  }
  config = result.output;
  return config;
}
