// Display helpers. The UI is English, so the locale is fixed; times show in the viewer's time zone.

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const count = new Intl.NumberFormat('en');
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 2 });
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** Groups a decimal amount's digits without ever turning it into a binary float: "1234.5" → "1,234.50". */
export function formatMoney(amount: string | number): string {
  const text = String(amount).trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return text;
  const [, sign, whole = '0', fraction = ''] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${fraction.padEnd(2, '0')}`;
}

export function formatCount(value: number): string {
  return count.format(value);
}

/** A ratio as a percentage: 0.2 → "20%". */
export function formatPercent(ratio: number): string {
  return percent.format(ratio);
}

export function formatDateTime(value: string | number | Date): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : dateTime.format(date);
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "in 29 days", "3 minutes ago". */
export function formatRelative(value: string | number | Date, now: number = Date.now()): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  if (Number.isNaN(seconds)) return '';
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return relative.format(Math.round(seconds / size), unit);
  }
  return '';
}

/** 85 → "85 ms", 1250 → "1.25 s", 125000 → "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

export function formatRate(perMinute: number | undefined): string {
  if (perMinute === undefined) return '—';
  return `${perMinute.toFixed(perMinute >= 100 ? 0 : 1)}/min`;
}

/** The execution name at the end of a Step Functions execution ARN. */
export function executionName(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1) || arn;
}

/** Pretty-prints JSON text when it parses; otherwise gives the text back untouched. */
export function prettyJsonText(text: string): { text: string; parsed: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), parsed: true };
  } catch {
    return { text, parsed: false };
  }
}

/** Event inputs and outputs come as JSON values or as JSON text; both print the same. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') return prettyJsonText(value).text;
  return JSON.stringify(value, null, 2) ?? String(value);
}
