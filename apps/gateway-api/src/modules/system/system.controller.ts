import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SystemCheckReport } from '@cxgenie/contracts';
import { Roles } from '../../core-modules/auth/auth.decorators';
import { CheckSystem } from './usecases/check-system/check-system.usecase';

@ApiTags('system')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/system')
export class SystemController {
  constructor(private readonly checkSystem: CheckSystem) {}

  /** Every service's readiness over HTTP and a round trip through each worker queue. */
  @Get('check')
  check(): Promise<SystemCheckReport> {
    return this.checkSystem.execute();
  }
}
