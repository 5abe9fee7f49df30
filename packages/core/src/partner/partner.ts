import * as v from 'valibot';

// A partner is data: `{ id, name, format }` in config/partners.json, its format a declarative mapping of the
// partner's own fields onto the normalized order. Onboarding a partner is an entry in that file.

/** The normalized order's values a format maps its fields onto, in the order issues are reported. */
export const orderFields = [
  'externalOrderId',
  'productId',
  'customerId',
  'quantity',
  'unitPrice',
  'taxRate',
  'transactionTime',
] as const;
export type OrderField = (typeof orderFields)[number];

/** How a format encodes the transaction time: epoch milliseconds, epoch seconds, ISO 8601 with a zone. */
export const timeEncodings = ['epoch-ms', 'epoch-s', 'iso-8601'] as const;
/** How a format encodes tax: a decimal rate 0–1, or a percentage 0–100. */
export const taxEncodings = ['decimal', 'percent'] as const;

/** The quantity bounds and future-time tolerance a format has unless its entry says otherwise. */
export const defaultBounds = { minQuantity: 1, maxQuantity: 1_000_000 } as const;
export const defaultFutureToleranceSeconds = 5 * 60;
/** A day: a partner whose clock is further off than that has a problem no tolerance should hide. */
export const maxFutureToleranceSeconds = 24 * 60 * 60;

// Storage refuses numbers beyond Number.MAX_SAFE_INTEGER (fields.ts), so no bound may be relaxed past it.
const maxSafe = Number.MAX_SAFE_INTEGER;

// A regex, not a check, so the contract's JSON Schema can say it too. It keeps out the names that mean
// something to every JavaScript object, whose mapping could read the prototype.
const FieldName = v.pipe(
  v.string('must be the name of a field of the partner’s order (a string)'),
  v.regex(
    /^(?!(?:__proto__|constructor|prototype)$)[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/,
    'must be a field name (a letter, _ or $, then letters, digits, _, $ or -, at most 64 characters; not __proto__, constructor or prototype)',
  ),
);

const WholeBound = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be at least 1'),
  v.maxValue(maxSafe, `must be at most ${maxSafe}`),
);

export const FormatFields = v.strictObject(
  Object.fromEntries(orderFields.map((field) => [field, FieldName])) as Record<OrderField, typeof FieldName>,
  `must be an object naming the partner’s field of each of: ${orderFields.join(', ')}`,
);

export const PartnerFormat = v.strictObject(
  {
    fields: FormatFields,
    time: v.picklist(timeEncodings, `must be one of ${timeEncodings.join(', ')}`),
    tax: v.picklist(taxEncodings, `must be one of ${taxEncodings.join(', ')}`),
    bounds: v.optional(
      v.strictObject({
        quantity: v.optional(
          v.strictObject({
            min: v.optional(WholeBound, defaultBounds.minQuantity),
            max: v.optional(WholeBound, defaultBounds.maxQuantity),
          }),
          {},
        ),
        unitPrice: v.optional(
          v.strictObject({
            max: v.optional(
              v.pipe(
                v.number('must be a number'),
                v.gtValue(0, 'must be greater than 0'),
                v.maxValue(maxSafe, `must be at most ${maxSafe}`),
              ),
              maxSafe,
            ),
          }),
          {},
        ),
      }),
      {},
    ),
    rules: v.optional(
      v.strictObject({
        futureToleranceSeconds: v.optional(
          v.pipe(
            v.number('must be a number of seconds'),
            v.integer('must be a whole number of seconds'),
            v.minValue(0, 'must not be negative'),
            v.maxValue(maxFutureToleranceSeconds, `must be at most ${maxFutureToleranceSeconds} (a day)`),
          ),
          defaultFutureToleranceSeconds,
        ),
      }),
      {},
    ),
  },
  'must be an object with fields, time and tax',
);
/** A format as written in the file; its bounds and rules may be left out. */
export type PartnerFormatInput = v.InferInput<typeof PartnerFormat>;
/** A format with every bound and rule filled in. */
export type PartnerFormat = v.InferOutput<typeof PartnerFormat>;

export const PartnerId = v.pipe(
  v.string('must be a string'),
  // Order, counter and stats keys lowercase partner ids (docs/migrations.md): two ids that differ only in
  // case would share them, and a dot would make the id unreadable from an `orders.<partnerId>` source.
  v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and -, at most 64 characters'),
);

export const Partner = v.strictObject({
  id: PartnerId,
  name: v.pipe(v.string('must be a string'), v.regex(/\S/, 'must not be empty or only whitespace')),
  format: PartnerFormat,
});
export type Partner = v.InferOutput<typeof Partner>;
