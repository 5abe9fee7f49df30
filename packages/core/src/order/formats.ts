import * as v from 'valibot';
import type { PartnerFormat } from '../partner/partner';
import {
  createEpochMillisTime,
  createZonedIsoTime,
  Identifier,
  Quantity,
  TaxPercent,
  TaxRate,
  UnitPrice,
} from './fields';
import type { OrderContent } from './order';

// One schema per partner format. `v.object` keeps only the listed keys, so unknown fields are ignored;
// each schema ends by renaming the partner's fields to the common `OrderContent` shape.

/** Builds the schema of a `partner-a` order; `now` bounds how far in the future its time may be. */
export function createPartnerAOrderSchema(now: Date) {
  return v.pipe(
    v.object({
      orderId: Identifier,
      skuId: Identifier,
      customerId: Identifier,
      quantity: Quantity,
      unitPrice: UnitPrice,
      taxRate: TaxRate,
      transactionTimeMs: createEpochMillisTime(now),
    }),
    v.transform(
      (order): OrderContent => ({
        externalOrderId: order.orderId,
        productId: order.skuId,
        customerId: order.customerId,
        quantity: order.quantity,
        unitPrice: order.unitPrice,
        taxRate: order.taxRate,
        transactionTime: order.transactionTimeMs,
      }),
    ),
  );
}

/** Builds the schema of a `partner-b` order; `now` bounds how far in the future its time may be. */
export function createPartnerBOrderSchema(now: Date) {
  return v.pipe(
    v.object({
      transactionId: Identifier,
      itemCode: Identifier,
      clientId: Identifier,
      qty: Quantity,
      price: UnitPrice,
      tax: TaxPercent,
      purchaseTime: createZonedIsoTime(now),
    }),
    v.transform(
      (order): OrderContent => ({
        externalOrderId: order.transactionId,
        productId: order.itemCode,
        customerId: order.clientId,
        quantity: order.qty,
        unitPrice: order.price,
        taxRate: order.tax,
        transactionTime: order.purchaseTime,
      }),
    ),
  );
}

/** A `partner-a` order as the partner sends it. */
export type PartnerAOrder = v.InferInput<ReturnType<typeof createPartnerAOrderSchema>>;
/** A `partner-b` order as the partner sends it. */
export type PartnerBOrder = v.InferInput<ReturnType<typeof createPartnerBOrderSchema>>;

type OrderSchema = v.GenericSchema<unknown, OrderContent>;

/** The schema builder of each format: adding a format means adding an entry, and the compiler asks for it. */
export const orderSchemaBuilders: Readonly<Record<PartnerFormat, (now: Date) => OrderSchema>> = {
  'partner-a': createPartnerAOrderSchema,
  'partner-b': createPartnerBOrderSchema,
};
