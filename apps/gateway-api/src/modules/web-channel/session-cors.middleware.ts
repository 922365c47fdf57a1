import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER } from '@cxgenie/contracts';

/**
 * The widget runs on the customer's own site, so its session calls are cross-origin. They carry no
 * cookies (the token travels as a bearer header), so any origin may make them: `*`, without
 * credentials. Only the widget session routes get this; the dashboard API stays same-origin.
 */
@Injectable()
export class WidgetSessionCorsMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', REQUEST_ID_HEADER);
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-allow-headers', 'authorization, content-type');
      res.setHeader('access-control-max-age', '600');
      res.status(204).end();
      return;
    }
    next();
  }
}
