import { randomBytes } from 'node:crypto';
import { Controller, Get, Logger, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../core-modules/auth/auth.decorators';
import { CONSOLE_SCRIPT_FILE, type ConsoleAsset, loadConsoleAsset } from './console-asset';
import { consolePageCsp, renderConsolePage } from './console-page';

/** The page and its script are public; everything they show comes from the authenticated API. */
@Public()
@ApiExcludeController()
@Controller('console')
export class AgentConsoleController {
  private readonly logger = new Logger(AgentConsoleController.name);
  private readonly asset: ConsoleAsset | null = loadConsoleAsset();

  constructor() {
    if (!this.asset) this.logger.error(`${CONSOLE_SCRIPT_FILE} was not found: the console is off`);
  }

  @Get()
  page(@Res() res: Response): void {
    if (!this.asset) throw new ServiceUnavailableException('The agent console is not installed');
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', consolePageCsp(nonce));
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.send(renderConsolePage(nonce, this.asset.etag));
  }

  @Get(CONSOLE_SCRIPT_FILE)
  script(@Res() res: Response): void {
    if (!this.asset) throw new ServiceUnavailableException('The agent console is not installed');
    res.setHeader('content-type', 'application/javascript; charset=utf-8');
    // The page names the script by its hash, so a cached copy is never stale.
    res.setHeader('cache-control', 'public, max-age=300');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('etag', this.asset.etag);
    res.send(this.asset.body);
  }
}
