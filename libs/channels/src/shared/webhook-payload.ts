import type { ZodType, ZodTypeDef } from 'zod';
import { WebhookPayloadError } from '@cxgenie/contracts';

export interface JsonBodyOptions {
  /**
   * Fields whose integer values can exceed 2^53 (Viber's `message_token`): read as strings, since
   * JSON.parse would silently round them and two different messages would share an id.
   */
  bigIntegerFields?: readonly string[];
}

/** The body as JSON; a WebhookPayloadError (answered 400) when it is not JSON at all. */
export function parseJsonBody(rawBody: Buffer, options: JsonBodyOptions = {}): unknown {
  if (rawBody.length === 0) throw new WebhookPayloadError('the body is empty; expected JSON');
  let text = rawBody.toString('utf8');
  for (const field of options.bigIntegerFields ?? []) text = quoteIntegerField(text, field);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WebhookPayloadError(`the body is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Rewrites `"field": 123` as `"field": "123"`. Inside a JSON string a quote is always escaped, so
 * the pattern can only match a real key.
 */
function quoteIntegerField(json: string, field: string): string {
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return json.replace(new RegExp(`("${escaped}"\\s*:\\s*)(-?\\d+)(?=\\s*[,}\\]])`, 'g'), '$1"$2"');
}

/** Validates a parsed body; the first problem, with its path, becomes the 400's reason. */
export function parseWithSchema<T>(
  schema: ZodType<T, ZodTypeDef, unknown>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new WebhookPayloadError(`${what}: ${path} ${issue.message.toLowerCase()}`);
}
