const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);

/**
 * PostgreSQL cannot hold NUL (U+0000): `jsonb` refuses the whole statement over an escaped one
 * (what a platform payload carries in its metadata), `text` cannot represent it. A lone UTF-16
 * surrogate has no UTF-8 form at all. Text from outside (platform payloads, mail, a model's output)
 * is made storable before it is written: NUL goes, a lone surrogate becomes U+FFFD, explicitly
 * rather than by whatever the driver does. Everything else is kept as it came.
 */
export function pgSafeText(text: string): string {
  // Fast path: almost every message has neither.
  if (!text.includes('\u0000') && !HAS_LONE_SURROGATE.test(text)) return text;
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

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
