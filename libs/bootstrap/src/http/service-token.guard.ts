import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { SERVICE_TOKEN_HEADER } from '@cxgenie/contracts';
import { INTERNAL_ROUTE } from '@cxgenie/observability';

// Hashing first gives equal lengths, so the comparison takes the same time whatever is sent.
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Routes marked `@InternalRoute()` answer only callers that present the shared service token. */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.expected = digest(config.serviceToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const internal = this.reflector.getAllAndOverride<boolean | undefined>(INTERNAL_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!internal) return true;
    const presented = context.switchToHttp().getRequest<Request>().headers[SERVICE_TOKEN_HEADER];
    if (typeof presented === 'string' && timingSafeEqual(digest(presented), this.expected)) {
      return true;
    }
    throw new UnauthorizedException(
      `this route is internal to the platform: send the service token in ${SERVICE_TOKEN_HEADER}`,
    );
  }
}
