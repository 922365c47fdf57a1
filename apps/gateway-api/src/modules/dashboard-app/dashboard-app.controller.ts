import {
  Controller,
  Get,
  Logger,
  Param,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../core-modules/auth/auth.decorators';
import {
  type DashboardBuild,
  DASHBOARD_BUILD_DIR,
  assetKey,
  loadDashboardBuild,
} from './dashboard-build';
import { DASHBOARD_CSP } from './dashboard-page';

/** The files carry their content hash in their names: a new build has new names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the dashboard single-page app at /app: hashed assets from memory, and index.html for
 * every other path under /app so the app's own router decides what to show. The page and its
 * files are public; everything they show comes from the authenticated API.
 */
@Public()
@ApiExcludeController()
@Controller()
export class DashboardAppController {
  private readonly logger = new Logger(DashboardAppController.name);
  private readonly build: DashboardBuild | null = loadDashboardBuild();

  constructor() {
    if (!this.build)
      this.logger.error(`${DASHBOARD_BUILD_DIR}/index.html was not found: run npm run web:build`);
  }

  @Get('app/assets/*path')
  asset(@Param('path') path: string | string[], @Res() res: Response): void {
    const build = this.require();
    const key = assetKey(`assets/${Array.isArray(path) ? path.join('/') : path}`);
    const asset = key ? build.assets.get(key) : undefined;
    if (!asset) {
      res.status(404).json({
        statusCode: 404,
        error: 'Not Found',
        message: 'No such dashboard file',
        details: [],
      });
      return;
    }
    res.setHeader('content-type', asset.contentType);
    res.setHeader('cache-control', IMMUTABLE);
    res.setHeader('x-content-type-options', 'nosniff');
    res.send(asset.body);
  }

  @Get(['app', 'app/*path'])
  page(@Req() req: Request, @Res() res: Response): void {
    const build = this.require();
    // A top-level file of the build (favicon, manifest) rather than a route of the app.
    const key = assetKey(req.path.replace(/^\/app\/?/, ''));
    const file = key ? build.assets.get(key) : undefined;
    if (file) {
      res.setHeader('content-type', file.contentType);
      res.setHeader('cache-control', 'public, max-age=300');
      res.send(file.body);
      return;
    }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', DASHBOARD_CSP);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.send(build.indexHtml);
  }

  /** The agent console became the dashboard's inbox. */
  @Get('console')
  console(@Res() res: Response): void {
    res.redirect(302, '/app/inbox');
  }

  /** Invitations carry `/accept-invitation?token=…`; the page lives in the app. */
  @Get('accept-invitation')
  acceptInvitation(@Req() req: Request, @Res() res: Response): void {
    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?'))
      : '';
    res.redirect(302, `/app/accept-invitation${query}`);
  }

  private require(): DashboardBuild {
    if (!this.build)
      throw new ServiceUnavailableException(
        'The dashboard is not built: run `npm run web:build` (npm start does it)',
      );
    return this.build;
  }
}
