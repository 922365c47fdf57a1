import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { sha256 } from '../../core-modules/crypto/opaque-token';

/**
 * Accepting with an existing account checks that account's password, so one invitation link must
 * not become a password-guessing oracle: attempts are limited per client address and token.
 */
@Injectable()
export class InvitationThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = (req['body'] ?? {}) as Record<string, unknown>;
    const token = typeof body['token'] === 'string' ? body['token'] : '';
    return `${String(req['ip'])}:${sha256(token).slice(0, 16)}`;
  }
}
