import { WebhookPayloadError } from '@cxgenie/contracts';
import { z } from 'zod';

/** Parses a webhook body as JSON of the expected shape, or throws `WebhookPayloadError` saying why. */
export function parseWebhookJson<Schema extends z.ZodTypeAny>(
  rawBody: Buffer,
  schema: Schema,
): z.output<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WebhookPayloadError(`body is not valid JSON: ${reason}`);
  }
  return assertShape(json, schema);
}

/** Validates part of a payload; `at` locates it in the body for the error message. */
export function assertShape<Schema extends z.ZodTypeAny>(
  value: unknown,
  schema: Schema,
  at: (string | number)[] = [],
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = [...at, ...issue.path];
    const where = path.length > 0 ? path.join('.') : 'body';
    throw new WebhookPayloadError(`unexpected payload shape at ${where}: ${issue.message}`);
  }
  return result.data as z.output<Schema>;
}

/** Meta timestamps are milliseconds in Messenger events and seconds in WhatsApp: normalise. */
export function metaTimestampToIso(value: number): string {
  // Below 1e11 a value cannot be milliseconds of any date after 1973: it is seconds.
  const ms = value < 1e11 ? value * 1000 : value;
  return new Date(ms).toISOString();
}

// Upper bound keeps `new Date()` in range; 1e14 ms is the year 5138.
const MAX_TIMESTAMP = 1e14;

/** A Meta timestamp, as a number (Messenger) or a numeric string (WhatsApp). */
export const metaTimestamp = z
  .union([z.number(), z.string().regex(/^\d+$/, 'must be a numeric timestamp').transform(Number)])
  .pipe(z.number().int().min(0).max(MAX_TIMESTAMP));
