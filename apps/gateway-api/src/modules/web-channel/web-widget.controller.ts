import { randomBytes } from 'node:crypto';
import {
  BadRequestException,
  Controller,
  Get,
  Logger,
  Query,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../core-modules/auth/auth.decorators';
import { DEMO_BOT_KEY, demoPageCsp, renderDemoPage } from './demo-page';
import { WIDGET_SCRIPT_FILE, type WidgetAsset, loadWidgetAsset } from './widget-asset';

/** Long enough to spare repeat downloads while browsing, short enough for a fix to roll out. */
const SCRIPT_MAX_AGE_SECONDS = 300;
/** Bot keys are at most this long (StartWidgetSessionDto); anything longer is not one. */
const MAX_BOT_KEY_LENGTH = 100;

/** The embeddable chat widget script and a demo page embedding it; no credentials needed. */
@Public()
@ApiExcludeController()
@Controller('widget')
export class WebWidgetController {
  private readonly logger = new Logger(WebWidgetController.name);
  private readonly asset: WidgetAsset | null = loadWidgetAsset();

  constructor() {
    if (!this.asset) this.logger.error(`${WIDGET_SCRIPT_FILE} was not found: the widget is off`);
  }

  @Get(WIDGET_SCRIPT_FILE)
  script(@Res() res: Response): void {
    if (!this.asset) throw new ServiceUnavailableException('The widget script is not installed');
    res.setHeader('content-type', 'application/javascript; charset=utf-8');
    res.setHeader('cache-control', `public, max-age=${SCRIPT_MAX_AGE_SECONDS}`);
    res.setHeader('x-content-type-options', 'nosniff');
    // Sites that isolate themselves (COEP) may still embed it.
    res.setHeader('cross-origin-resource-policy', 'cross-origin');
    // Express answers 304 itself when the request's If-None-Match still matches.
    res.setHeader('etag', this.asset.etag);
    res.send(this.asset.body);
  }

  @Get('demo')
  demo(@Query('botKey') botKey: unknown, @Res() res: Response): void {
    const key = typeof botKey === 'string' && botKey.trim() ? botKey.trim() : DEMO_BOT_KEY;
    if (key.length > MAX_BOT_KEY_LENGTH)
      throw new BadRequestException(`botKey must be at most ${MAX_BOT_KEY_LENGTH} characters`);
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', demoPageCsp(nonce));
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.send(renderDemoPage(key, nonce));
  }
}
