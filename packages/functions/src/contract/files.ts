import { eventJsonSchema, publishedEvents } from '@orders/core/contract/events';
import { openApiDocument } from '../api/openapi';

/**
 * The published contract as files, by path from the repository root: the HTTP API's OpenAPI description
 * and one JSON Schema per event on the bus. `pnpm api:types` writes them; a test fails when the committed
 * copies are stale.
 */
export function contractFiles(): Record<string, string> {
  return {
    'docs/openapi.json': asJson(openApiDocument()),
    ...Object.fromEntries(
      publishedEvents.map((detailType) => [
        `docs/schemas/${detailType}.json`,
        asJson(eventJsonSchema(detailType)),
      ]),
    ),
  };
}

function asJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
