import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { LimitsException, LimitsExceptionCode } from '../limits/limits.exception';

/**
 * @nestjs/throttler's guard with our error: a `rate_limited` AppException, so the answer has the
 * same body as every other error and one plain `Retry-After` header, whichever limit was hit.
 */
@Injectable()
export class AttemptThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: unknown,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new LimitsException(
      LimitsExceptionCode.TOO_MANY_ATTEMPTS,
      detail.timeToBlockExpire || detail.timeToExpire,
    );
  }
}
