import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../../core-modules/auth/auth.decorators';
import { IdParamPipe } from '../../../core-modules/http/id-param.pipe';
import type { PageResponse } from '../../../core-modules/http/pagination.dto';
import { BotIdParamPipe } from '../bot-id.pipe';
import {
  CreateFaqDto,
  FaqPageResponse,
  FaqResponse,
  ListFaqsQueryDto,
  UpdateFaqDto,
} from './dto/faq.dto';
import { presentFaq } from './faq.presenter';
import { CreateFaq } from './usecases/create-faq/create-faq.usecase';
import { DeleteFaq } from './usecases/delete-faq/delete-faq.usecase';
import { GetFaq } from './usecases/get-faq/get-faq.usecase';
import { ListFaqs } from './usecases/list-faqs/list-faqs.usecase';
import { UpdateFaq } from './usecases/update-faq/update-faq.usecase';

@ApiTags('knowledge')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Bot (or FAQ) not found in this workspace' })
@Controller('api/v1/bots/:botId/faqs')
export class FaqsController {
  constructor(
    private readonly createFaq: CreateFaq,
    private readonly listFaqs: ListFaqs,
    private readonly getFaq: GetFaq,
    private readonly updateFaq: UpdateFaq,
    private readonly deleteFaq: DeleteFaq,
  ) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: FaqResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in details' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  async create(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Body() body: CreateFaqDto,
  ): Promise<FaqResponse> {
    return presentFaq(await this.createFaq.execute(scope, { botId, ...body }));
  }

  @Get()
  @ApiOkResponse({ type: FaqPageResponse })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor' })
  async list(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Query() query: ListFaqsQueryDto,
  ): Promise<PageResponse<FaqResponse>> {
    const page = await this.listFaqs.execute(scope, { botId, ...query });
    return { items: page.items.map(presentFaq), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: FaqResponse })
  async get(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
  ): Promise<FaqResponse> {
    return presentFaq(await this.getFaq.execute(scope, botId, id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: FaqResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in details' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  async update(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
    @Body() body: UpdateFaqDto,
  ): Promise<FaqResponse> {
    return presentFaq(await this.updateFaq.execute(scope, { botId, id, ...body }));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  async remove(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
  ): Promise<void> {
    await this.deleteFaq.execute(scope, botId, id);
  }
}
