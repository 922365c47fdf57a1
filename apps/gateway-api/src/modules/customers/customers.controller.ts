import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../core-modules/auth/auth.decorators';
import { IdParamPipe } from '../../core-modules/http/id-param.pipe';
import type { PageResponse } from '../../core-modules/http/pagination.dto';
import { presentCustomer, presentCustomerDetail } from './customer.presenter';
import {
  CustomerDetailResponse,
  CustomerPageResponse,
  CustomerResponse,
  ListCustomersQueryDto,
  UpdateCustomerDto,
} from './dto/customer.dto';
import { DeleteCustomer } from './usecases/delete-customer/delete-customer.usecase';
import { GetCustomer } from './usecases/get-customer/get-customer.usecase';
import { ListCustomers } from './usecases/list-customers/list-customers.usecase';
import { UpdateCustomer } from './usecases/update-customer/update-customer.usecase';

/** Customers are created by channels and the widget as people write in, never through here. */
@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/v1/customers')
export class CustomersController {
  constructor(
    private readonly listCustomers: ListCustomers,
    private readonly getCustomer: GetCustomer,
    private readonly updateCustomer: UpdateCustomer,
    private readonly deleteCustomer: DeleteCustomer,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Customers of the workspace, newest first' })
  @ApiOkResponse({ type: CustomerPageResponse })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor' })
  async list(
    @Tenant() scope: TenantScope,
    @Query() query: ListCustomersQueryDto,
  ): Promise<PageResponse<CustomerResponse>> {
    const page = await this.listCustomers.execute(scope, query);
    return { items: page.items.map(presentCustomer), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A customer with how each channel knows them' })
  @ApiOkResponse({ type: CustomerDetailResponse })
  @ApiNotFoundResponse({ description: 'Customer not found in this workspace' })
  async get(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
  ): Promise<CustomerDetailResponse> {
    const { customer, identities } = await this.getCustomer.execute(scope, id);
    return presentCustomerDetail(customer, identities);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a customer’s profile (agents may)' })
  @ApiOkResponse({ type: CustomerResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in details' })
  @ApiNotFoundResponse({ description: 'Customer not found in this workspace' })
  async update(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
    @Body() body: UpdateCustomerDto,
  ): Promise<CustomerResponse> {
    return presentCustomer(await this.updateCustomer.execute(scope, { id, ...body }));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Soft-deleted' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  @ApiNotFoundResponse({ description: 'Customer not found in this workspace' })
  async remove(@Tenant() scope: TenantScope, @Param('id', IdParamPipe) id: string): Promise<void> {
    await this.deleteCustomer.execute(scope, id);
  }
}
