import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Bot } from '@cxgenie/database';
import { newOpaqueToken } from '../../../core-modules/crypto/opaque-token';
import { SecretBox } from '../../../core-modules/crypto/secret-box';
import { WebChannelException, WebChannelExceptionCode } from '../web-channel.exception';

/** The prefix of the ids this service gives anonymous visitors: unguessable, theirs alone. */
export const ANONYMOUS_PREFIX = 'anon_';

/**
 * What a site proves about a visitor: the HMAC-SHA256 of their id under the bot's identity
 * secret, hex-encoded. Computed on the site's server (the secret never reaches a browser).
 */
export const visitorIdHash = (secret: string, externalId: string): string =>
  createHmac('sha256', secret).update(externalId, 'utf8').digest('hex');

/** Who a widget session is for, as far as the request proves it. */
export type VisitorIdentity =
  /** A signed site id: resumes (or creates) the customer the site knows by it. */
  | { kind: 'verified'; externalId: string }
  /** An anonymous visitor's own token from an earlier session: resumes only that visitor. */
  | { kind: 'returning-anonymous'; externalId: string }
  /** Nobody the request proves: a new anonymous customer with a fresh token. */
  | { kind: 'new-anonymous'; externalId: string };

/**
 * Decides who a widget session is for. A site id counts only when signed: anyone can read the
 * bot's public key off a page and name any id, so an unsigned id never resumes an existing
 * customer (it starts a new anonymous one, or is refused when the bot requires signed ids).
 * Anonymous visitors resume with the unguessable token an earlier session gave them.
 */
@Injectable()
export class VisitorIdentities {
  constructor(private readonly box: SecretBox) {}

  identify(
    bot: Pick<Bot, 'identitySecretEncrypted' | 'requireVerifiedIdentity'>,
    externalId: string | undefined,
    userHash: string | undefined,
  ): VisitorIdentity {
    if (externalId && userHash !== undefined) {
      if (this.verified(bot, externalId, userHash)) return { kind: 'verified', externalId };
      throw WebChannelException.of(WebChannelExceptionCode.VISITOR_SIGNATURE_INVALID);
    }
    if (bot.requireVerifiedIdentity)
      throw WebChannelException.of(WebChannelExceptionCode.VISITOR_SIGNATURE_REQUIRED);
    if (externalId?.startsWith(ANONYMOUS_PREFIX))
      return { kind: 'returning-anonymous', externalId };
    return { kind: 'new-anonymous', externalId: newOpaqueToken(ANONYMOUS_PREFIX, 18) };
  }

  private verified(
    bot: Pick<Bot, 'identitySecretEncrypted'>,
    externalId: string,
    userHash: string,
  ): boolean {
    if (!bot.identitySecretEncrypted) return false;
    const expected = Buffer.from(
      visitorIdHash(this.box.open(bot.identitySecretEncrypted), externalId),
      'hex',
    );
    const given = Buffer.from(userHash.toLowerCase(), 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
