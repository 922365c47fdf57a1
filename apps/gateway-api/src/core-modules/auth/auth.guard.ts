import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { MemberRole } from '@cxgenie/contracts';
import { TenantConnections, WorkspaceNotFoundError } from '@cxgenie/database';
import { API_KEY_PREFIX, ApiKeyAuthenticator } from './api-key-authenticator';
import { type AuthenticatedRequest, IS_PUBLIC, MIN_ROLE, WIDGET_ACCESS } from './auth.decorators';
import { type Principal, hasRole } from './principal';
import { SessionTokens } from './session-tokens';

const credentialOf = (req: Request): string | null => {
  const apiKey = req.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return apiKey;
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
};

/**
 * Every route is authenticated unless marked @Public. Resolves the principal, enforces the
 * route's minimum role, and binds the request to its workspace's data scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: SessionTokens,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly tenants: TenantConnections,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    if (isPublic) return true;

    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const principal = await this.authenticate(req);
    if (!principal) throw new UnauthorizedException('Missing, invalid or expired credentials');

    const widgetRoute = this.reflector.getAllAndOverride<boolean>(WIDGET_ACCESS, targets) ?? false;
    if (principal.kind === 'widget' && !widgetRoute) {
      throw new ForbiddenException('A widget session cannot call this route');
    }
    if (principal.kind !== 'widget') {
      if (widgetRoute) throw new ForbiddenException('This route is for widget sessions');
      const minimum = this.reflector.getAllAndOverride<MemberRole>(MIN_ROLE, targets) ?? 'agent';
      if (!hasRole(principal, minimum))
        throw new ForbiddenException(`This route requires the ${minimum} role`);
    }

    try {
      req.tenant = await this.tenants.scope(principal.workspaceId);
    } catch (error) {
      if (error instanceof WorkspaceNotFoundError)
        throw new UnauthorizedException('The workspace no longer exists');
      throw error;
    }
    req.principal = principal;
    return true;
  }

  private async authenticate(req: Request): Promise<Principal | null> {
    const credential = credentialOf(req);
    if (!credential) return null;
    if (credential.startsWith(API_KEY_PREFIX)) return this.apiKeys.authenticate(credential);
    return this.tokens.verify(credential);
  }
}
