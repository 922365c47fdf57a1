/**
 * PostgreSQL stores neither NUL (U+0000) in `text` nor a lone UTF-16 surrogate (it cannot be
 * encoded as UTF-8), and refuses the whole statement when a value has one. Text from outside
 * (platform payloads, mail, a model's output) is made storable before it is written: NUL goes,
 * a lone surrogate becomes U+FFFD. Everything else is kept as it came.
 */
export function pgSafeText(text: string): string {
  // Fast path: almost every message has neither.
  if (!UNSTORABLE.test(text)) return text;
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `pgSafeText` over every string of a JSON-like value (metadata, attachments), keys included. */
export function pgSafeValue<T>(value: T): T {
  if (typeof value === 'string') return pgSafeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => pgSafeValue(item)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [pgSafeText(key), pgSafeValue(item)]),
    ) as T;
  }
  return value;
}
