import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { MemberRole } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { PUBLIC_ROUTE, PublicRoute } from '@cxgenie/observability';
import type { Principal } from './principal';

export const IS_PUBLIC = PUBLIC_ROUTE;
export const MIN_ROLE = 'auth:min-role';
export const WIDGET_ACCESS = 'auth:widget';

/** No credentials needed (login, signup, invitation acceptance, widget session start). */
export const Public = PublicRoute;

/** The least role that may call the route; agent when absent. */
export const Roles = (minimum: MemberRole) => SetMetadata(MIN_ROLE, minimum);

/** A widget customer session may call this route (they are refused everywhere else). */
export const WidgetAccess = () => SetMetadata(WIDGET_ACCESS, true);

export interface AuthenticatedRequest {
  principal?: Principal;
  tenant?: TenantScope;
}

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
    return principal;
  },
);

/** The caller's workspace data scope, resolved by the auth guard from the principal. */
export const Tenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantScope => {
  const tenant = ctx.switchToHttp().getRequest<AuthenticatedRequest>().tenant;
  if (!tenant) throw new Error('Tenant used on a route without authentication');
  return tenant;
});
