import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';

/**
 * Limits auth attempts per client address and per account named in the body, so one address
 * cannot spray many accounts and one account cannot be hammered from one address.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = (req['body'] ?? {}) as Record<string, unknown>;
    const subject =
      typeof body['email'] === 'string'
        ? body['email'].toLowerCase()
        : String(body['refreshToken'] ?? '');
    const subjectKey = createHash('sha256').update(subject).digest('hex').slice(0, 16);
    return `${String(req['ip'])}:${subjectKey}`;
  }
}
