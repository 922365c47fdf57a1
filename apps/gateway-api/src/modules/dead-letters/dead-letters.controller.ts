import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../core-modules/auth/auth.decorators';
import { type PageResponse, PaginationQueryDto } from '../../core-modules/http/pagination.dto';
import { DeadLetterPageResponse, type DeadLetterResponse } from './dto/dead-letter.dto';
import { ListDeadLetters } from './usecases/list-dead-letters/list-dead-letters.usecase';

/**
 * Messages that failed the same way too often to keep retrying, set aside so the conversation
 * went on: what they were and why, for an administrator to act on.
 */
@ApiTags('dead-letters')
@ApiBearerAuth()
@Controller('api/v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly listDeadLetters: ListDeadLetters) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: DeadLetterPageResponse })
  @ApiBadRequestResponse({ description: 'Invalid limit or cursor' })
  @ApiForbiddenResponse({ description: 'Administrators only' })
  list(
    @Tenant() scope: TenantScope,
    @Query() query: PaginationQueryDto,
  ): Promise<PageResponse<DeadLetterResponse>> {
    return this.listDeadLetters.execute(scope, query);
  }
}
