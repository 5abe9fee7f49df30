import * as v from 'valibot';
import type { OrderField, PartnerFormat } from '../partner/partner';
import {
  createEpochMillisTime,
  createEpochSecondsTime,
  createQuantity,
  createUnitPrice,
  createZonedIsoTime,
  Identifier,
  TaxPercent,
  TaxRate,
} from './fields';
import type { OrderContent } from './order';

// A format is data (config/partners.json): which of the partner's fields holds each value of the order, how
// its time and tax are encoded, its bounds and its future-time tolerance. The schema is built from it.
// `v.object` keeps only the listed keys, so unknown fields are ignored; the schema ends by renaming the
// partner's fields to the common `OrderContent` shape.

type FieldSchema = v.GenericSchema<unknown, string | number>;

function timeSchema(format: PartnerFormat, now: Date): FieldSchema {
  const toleranceMs = format.rules.futureToleranceSeconds * 1000;
  switch (format.time) {
    case 'epoch-ms':
      return createEpochMillisTime(now, toleranceMs);
    case 'epoch-s':
      return createEpochSecondsTime(now, toleranceMs);
    case 'iso-8601':
      return createZonedIsoTime(now, toleranceMs);
  }
}

/** Builds the schema of an order in `format`; `now` bounds how far in the future its time may be. */
export function createOrderSchema(format: PartnerFormat, now: Date): v.GenericSchema<unknown, OrderContent> {
  const { fields, bounds } = format;
  // Listed in the order of the normalized order, which is the order issues are reported in.
  const byTarget: Record<OrderField, FieldSchema> = {
    externalOrderId: Identifier,
    productId: Identifier,
    customerId: Identifier,
    quantity: createQuantity(bounds.quantity),
    unitPrice: createUnitPrice(bounds.unitPrice),
    taxRate: format.tax === 'percent' ? TaxPercent : TaxRate,
    transactionTime: timeSchema(format, now),
  };
  const entries = Object.fromEntries(
    (Object.keys(byTarget) as OrderField[]).map((target) => [fields[target], byTarget[target]]),
  );
  return v.pipe(
    v.object(entries),
    v.transform(
      (order): OrderContent => ({
        externalOrderId: order[fields.externalOrderId] as string,
        productId: order[fields.productId] as string,
        customerId: order[fields.customerId] as string,
        quantity: order[fields.quantity] as number,
        unitPrice: order[fields.unitPrice] as number,
        taxRate: order[fields.taxRate] as number,
        transactionTime: order[fields.transactionTime] as string,
      }),
    ),
  );
}

/** A `partner-a` order as the partner sends it (the format of `partner-a` in config/partners.json). */
export interface PartnerAOrder {
  orderId: string;
  skuId: string;
  customerId: string;
  quantity: number;
  unitPrice: number;
  /** Decimal rate, 0 … 1. */
  taxRate: number;
  /** Epoch milliseconds. */
  transactionTimeMs: number;
}

/** A `partner-b` order as the partner sends it (the format of `partner-b` in config/partners.json). */
export interface PartnerBOrder {
  transactionId: string;
  itemCode: string;
  clientId: string;
  qty: number;
  price: number;
  /** Percentage, 0 … 100. */
  tax: number;
  /** ISO 8601 with a zone. */
  purchaseTime: string;
}
