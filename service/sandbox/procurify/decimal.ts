/**
 * Money and quantities as DRF DecimalFields render them: strings with a fixed number of decimal places
 * ("12.50000000" for an 8-place price, "125.00" for a total). Arithmetic runs on BigInt at 10 places so
 * sums and products are exact before the final rounding (half up).
 */
const SCALE_DIGITS = 10;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

export type Scaled = bigint;

/** Parse a plain decimal ("12", "-3.5", "0.125"); throws on anything else. */
export function toScaled(value: string | number): Scaled {
  const text = typeof value === 'number' ? value.toFixed(SCALE_DIGITS) : value.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal: '${text}'`);
  const fraction = (m[3] ?? '').slice(0, SCALE_DIGITS).padEnd(SCALE_DIGITS, '0');
  const magnitude = BigInt(m[2] || '0') * SCALE + BigInt(fraction);
  return m[1] === '-' ? -magnitude : magnitude;
}

export function formatScaled(value: Scaled, places: number): string {
  const factor = 10n ** BigInt(SCALE_DIGITS - places);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const rounded = (magnitude + factor / 2n) / factor;
  const unit = 10n ** BigInt(places);
  const whole = rounded / unit;
  const frac = places === 0 ? '' : `.${(rounded % unit).toString().padStart(places, '0')}`;
  return `${negative && rounded !== 0n ? '-' : ''}${whole}${frac}`;
}

export function multiply(a: Scaled, b: Scaled): Scaled {
  return (a * b) / SCALE;
}

export function percentOf(amount: Scaled, percent: Scaled): Scaled {
  return (amount * percent) / (100n * SCALE);
}

export const ZERO: Scaled = 0n;

/** Re-render a decimal string with `places` decimals ("12.5" → "12.50000000"). */
export function fixed(value: string | number, places: number): string {
  return formatScaled(toScaled(value), places);
}

export function toNumber(value: Scaled): number {
  return Number(formatScaled(value, 8));
}
