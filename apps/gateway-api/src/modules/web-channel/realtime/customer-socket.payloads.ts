import { IsBoolean, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

import { MAX_MESSAGE_CHARS } from '@cxgenie/contracts';

export { MAX_MESSAGE_CHARS };

/** A longer text is `too_large`, not merely invalid: the widget tells the visitor to shorten it. */
export const MESSAGE_LIMITS = { text: MAX_MESSAGE_CHARS };

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

export class ResumePayload {
  @IsInt()
  @Min(0)
  lastSeq!: number;
}
