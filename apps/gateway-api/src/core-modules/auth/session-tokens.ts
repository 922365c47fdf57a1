import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { Op } from 'sequelize';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { MEMBER_ROLES, type MemberRole } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { newOpaqueToken, sha256 } from '../crypto/opaque-token';
import type { Principal } from './principal';

interface AccessClaims {
  typ: 'access';
  sub: string;
  wid: string;
  role: MemberRole;
}

interface WidgetClaims {
  typ: 'widget';
  sub: string;
  wid: string;
  bot: string;
  /** The web channel: the widget intake is the channel intake, keyed by channel and customer. */
  ch?: string;
}

export interface IssuedSession {
  tokenType: 'Bearer';
  accessToken: string;
  accessTokenExpiresIn: number;
  refreshToken: string;
  workspaceId: string;
  role: MemberRole;
}

export type RefreshOutcome =
  | { ok: true; userId: string; workspaceId: string; familyId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

const WIDGET_SESSION_TTL_S = 24 * 3600;

/**
 * Short-lived JWT access tokens, and opaque refresh tokens that rotate on every use. A rotated
 * token presented again means it was stolen (or replayed): the whole family is revoked.
 */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly tenants: TenantConnections,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async issue(
    userId: string,
    workspaceId: string,
    role: MemberRole,
    familyId: string = randomUUID(),
  ): Promise<IssuedSession> {
    const refreshToken = newOpaqueToken('cxr_');
    await this.tenants.control.RefreshToken.create({
      userId,
      workspaceId,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.auth.refreshTtlSeconds * 1000),
    });
    const claims: AccessClaims = { typ: 'access', sub: userId, wid: workspaceId, role };
    return {
      tokenType: 'Bearer',
      accessToken: await this.jwt.signAsync(claims, {
        expiresIn: this.config.auth.accessTtlSeconds,
      }),
      accessTokenExpiresIn: this.config.auth.accessTtlSeconds,
      refreshToken,
      workspaceId,
      role,
    };
  }

  /** Marks the token used and reports whose it was; reuse revokes the family before answering. */
  async rotate(refreshToken: string): Promise<RefreshOutcome> {
    const { RefreshToken } = this.tenants.control;
    const outcome = await this.tenants.sequelize.transaction(
      async (transaction): Promise<RefreshOutcome> => {
        const row = await RefreshToken.findOne({
          where: { tokenHash: sha256(refreshToken) },
          lock: transaction.LOCK.UPDATE,
          transaction,
        });
        if (!row) return { ok: false, reason: 'unknown' };
        if (row.revokedAt) return { ok: false, reason: 'revoked' };
        if (row.rotatedAt) {
          await RefreshToken.update(
            { revokedAt: new Date() },
            { where: { familyId: row.familyId, revokedAt: { [Op.is]: null } }, transaction },
          );
          return { ok: false, reason: 'reused' };
        }
        if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
        await row.update({ rotatedAt: new Date() }, { transaction });
        return {
          ok: true,
          userId: row.userId,
          workspaceId: row.workspaceId,
          familyId: row.familyId,
        };
      },
    );
    return outcome;
  }

  async revokeFamilyOf(refreshToken: string): Promise<void> {
    const { RefreshToken } = this.tenants.control;
    const row = await RefreshToken.findOne({ where: { tokenHash: sha256(refreshToken) } });
    if (!row) return;
    await RefreshToken.update(
      { revokedAt: new Date() },
      { where: { familyId: row.familyId, revokedAt: { [Op.is]: null } } },
    );
  }

  signWidgetSession(
    customerId: string,
    workspaceId: string,
    botId: string,
    channelId: string,
  ): Promise<string> {
    const claims: WidgetClaims = {
      typ: 'widget',
      sub: customerId,
      wid: workspaceId,
      bot: botId,
      ch: channelId,
    };
    return this.jwt.signAsync(claims, { expiresIn: WIDGET_SESSION_TTL_S });
  }

  /** A principal from a JWT, or null for anything expired, forged or of an unknown kind. */
  async verify(token: string): Promise<Principal | null> {
    let claims: {
      typ?: string;
      sub?: string;
      wid?: string;
      role?: string;
      bot?: string;
      ch?: string;
    };
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch {
      return null;
    }
    if (
      claims.typ === 'access' &&
      claims.sub &&
      claims.wid &&
      MEMBER_ROLES.includes(claims.role as MemberRole)
    ) {
      return {
        kind: 'user',
        userId: claims.sub,
        workspaceId: claims.wid,
        role: claims.role as MemberRole,
      };
    }
    if (claims.typ === 'widget' && claims.sub && claims.wid && claims.bot) {
      return {
        kind: 'widget',
        customerId: claims.sub,
        workspaceId: claims.wid,
        botId: claims.bot,
        // Sessions signed before the claim existed look their web channel up by bot.
        channelId: claims.ch ?? null,
      };
    }
    return null;
  }
}
