import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { SocketErrorPayload } from '@cxgenie/contracts';

/**
 * Validates a socket payload like the REST pipe does, answering with the first bad field.
 * `maxLengths` names string fields whose overflow is `too_large` rather than `invalid_payload`.
 */
export async function parsePayload<T extends object>(
  type: new () => T,
  raw: unknown,
  maxLengths: Record<string, number> = {},
): Promise<{ ok: true; value: T } | { ok: false; error: SocketErrorPayload }> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      error: { code: 'invalid_payload', message: 'payload must be a JSON object' },
    };
  }
  const value = plainToInstance(type, raw);
  const [problem] = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  if (!problem) return { ok: true, value };
  const message = Object.values(problem.constraints ?? {})[0] ?? 'is invalid';
  const given = (raw as Record<string, unknown>)[problem.property];
  const max = maxLengths[problem.property];
  const tooLarge = max !== undefined && typeof given === 'string' && given.length > max;
  return {
    ok: false,
    error: { code: tooLarge ? 'too_large' : 'invalid_payload', message, field: problem.property },
  };
}
