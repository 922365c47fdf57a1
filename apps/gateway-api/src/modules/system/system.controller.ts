import { Controller, Get } from '@nestjs/common';
import type { SystemCheckReport } from '@cxgenie/contracts';
import { CheckSystem } from './usecases/check-system/check-system.usecase';

@Controller('api/v1/system')
export class SystemController {
  constructor(private readonly checkSystem: CheckSystem) {}

  /** Every service's readiness over HTTP and a round trip through each worker queue. */
  @Get('check')
  check(): Promise<SystemCheckReport> {
    return this.checkSystem.execute();
  }
}
