import { plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  validate,
} from 'class-validator';
import type { SocketErrorPayload } from '@cxgenie/contracts';

export const MAX_MESSAGE_CHARS = 4_000;

export class SendMessagePayload {
  @IsString()
  @Length(1, MAX_MESSAGE_CHARS)
  text!: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  clientMessageId?: string;
}

export class CustomerTypingPayload {
  @IsBoolean()
  typing!: boolean;
}

export class AgentTypingPayload {
  @IsUUID()
  conversationId!: string;

  @IsBoolean()
  typing!: boolean;
}

export class ResumePayload {
  @IsInt()
  @Min(0)
  lastSeq!: number;
}

/** Validates a socket payload like the REST pipe does, answering with the first bad field. */
export async function parsePayload<T extends object>(
  type: new () => T,
  raw: unknown,
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
  const tooLarge =
    problem.property === 'text' && typeof (raw as { text?: unknown }).text === 'string';
  return {
    ok: false,
    error: {
      code:
        tooLarge && (raw as { text: string }).text.length > MAX_MESSAGE_CHARS
          ? 'too_large'
          : 'invalid_payload',
      message,
      field: problem.property,
    },
  };
}
