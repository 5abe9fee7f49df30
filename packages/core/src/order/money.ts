import Big from 'big.js';

/** The three money amounts of an order, exact decimal strings with two decimals (e.g. "59.97"). */
export interface OrderAmounts {
  grossAmount: string;
  taxAmount: string;
  netAmount: string;
}

/** What the amounts are computed from: the stored numbers, so anyone can recompute them from an order. */
export interface AmountInputs {
  quantity: number;
  unitPrice: number;
  /** Decimal rate, e.g. 0.0725 for 7.25 %. */
  taxRate: number;
}

/**
 * Converts a finite JS number to an exact decimal through its shortest round-trip string, which is the
 * value the partner wrote (0.1 becomes 0.1, not 0.1000000000000000055…). Exponent forms such as 1e-7 and
 * 1e+21 are accepted by big.js as they are.
 */
export function toDecimal(value: number): Big {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot convert ${value} to a decimal amount`);
  return new Big(String(value));
}

/** Rounds to two decimals, half away from zero (1.005 → 1.01, -1.005 → -1.01). */
export function roundToCents(value: Big): Big {
  return value.round(2, Big.roundHalfUp);
}

/** Formats a decimal as a money string with exactly two decimals and never exponent notation. */
export function formatMoney(value: Big): string {
  // big.js keeps the sign of zero; "-0.00" is not a useful amount.
  return value.eq(0) ? '0.00' : value.toFixed(2, Big.roundHalfUp);
}

/** Converts a percentage (7.25) to a decimal rate (0.0725) exactly, then to the nearest JS number. */
export function percentToRate(percent: number): number {
  // Multiplying by 0.01 is exact in decimal; dividing by 100 would be cut at Big.DP decimal places.
  return toNumber(toDecimal(percent).times('0.01'));
}

/** Computes gross = round2(quantity × unitPrice), tax = round2(gross × taxRate), net = gross + tax. */
export function computeAmounts({ quantity, unitPrice, taxRate }: AmountInputs): OrderAmounts {
  const gross = roundToCents(toDecimal(quantity).times(toDecimal(unitPrice)));
  const tax = roundToCents(gross.times(toDecimal(taxRate)));
  const net = gross.plus(tax);
  return { grossAmount: formatMoney(gross), taxAmount: formatMoney(tax), netAmount: formatMoney(net) };
}

function toNumber(value: Big): number {
  // Adding 0 turns -0 into 0, so the rate serialises the same way whichever zero a partner sent.
  return Number(value.toString()) + 0;
}
