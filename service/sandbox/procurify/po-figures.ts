/**
 * Derived figures of a PO and its lines: line cost (quantity × price), subtotal, total (subtotal − discount + tax
 * + freight + other; a `percentage` modifier applies to the subtotal), and the fulfilment status the OAS enumerates
 * (FulfilmentStatusEnum empty | partial | full) from the received quantities.
 */
import { formatScaled, multiply, percentOf, toScaled, ZERO, type Scaled } from './decimal.ts';
import type { OrderItem, PriceModifier, PurchaseOrder } from './model.ts';

export function lineCost(item: OrderItem): Scaled {
  return multiply(toScaled(item.quantity), toScaled(item.price));
}

function modifierAmount(modifier: PriceModifier | null, subtotal: Scaled): Scaled {
  if (modifier === null) return ZERO;
  const value = toScaled(modifier.value);
  return modifier.type === 'percentage' ? percentOf(subtotal, value) : value;
}

export interface PoFigures {
  subtotal: string;
  total: string;
  taxAmount: string;
  fulfilment: 'empty' | 'partial' | 'full';
}

export function computePoFigures(po: PurchaseOrder, items: OrderItem[]): PoFigures {
  const subtotal = items.reduce((sum, i) => sum + lineCost(i), ZERO);
  const tax = modifierAmount(po.tax, subtotal);
  const total = subtotal - modifierAmount(po.discount, subtotal) + tax + toScaled(po.freight ?? '0') + toScaled(po.other ?? '0');
  return { subtotal: formatScaled(subtotal, 2), total: formatScaled(total < ZERO ? ZERO : total, 2), taxAmount: formatScaled(tax, 2), fulfilment: fulfilmentOf(items) };
}

export function fulfilmentOf(items: OrderItem[]): 'empty' | 'partial' | 'full' {
  if (items.length === 0 || items.every((i) => toScaled(i.receivedPassQty) === ZERO)) return 'empty';
  return items.every((i) => toScaled(i.receivedPassQty) >= toScaled(i.quantity)) ? 'full' : 'partial';
}
