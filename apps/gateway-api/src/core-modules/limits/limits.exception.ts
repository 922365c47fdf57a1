import { AppException, type ErrorKind } from '@cxgenie/contracts';

export enum LimitsExceptionCode {
  TOO_MANY_SESSIONS = 'TOO_MANY_SESSIONS',
  TOO_MANY_MESSAGES = 'TOO_MANY_MESSAGES',
  /** The workspace's messages for today are used up. */
  DAILY_BUDGET_SPENT = 'DAILY_BUDGET_SPENT',
  /** Sign-in (or invitation) attempts from this address or for this account. */
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
}

const MESSAGES: Record<LimitsExceptionCode, string> = {
  TOO_MANY_SESSIONS: 'Too many chat sessions started; try again shortly',
  TOO_MANY_MESSAGES: 'Too many messages; wait a moment before sending more',
  DAILY_BUDGET_SPENT: "This chat has reached today's message limit; please try again tomorrow",
  TOO_MANY_ATTEMPTS: 'Too many attempts; try again shortly',
};

/** A limit against abuse was reached: `rate_limited`, with when to try again. */
export class LimitsException extends AppException<LimitsExceptionCode> {
  readonly kind: ErrorKind = 'rate_limited';

  constructor(code: LimitsExceptionCode, retryAfterSeconds: number) {
    super(code, MESSAGES[code]);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
