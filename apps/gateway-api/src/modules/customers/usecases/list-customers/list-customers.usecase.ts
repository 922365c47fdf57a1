import { Injectable } from '@nestjs/common';
import { Op, type WhereOptions } from 'sequelize';
import {
  type Customer,
  CustomerIdentityRepository,
  CustomerRepository,
  type Page,
  type TenantScope,
} from '@cxgenie/database';
import { containsPattern } from '../../../../core-modules/http/validation';
import type { ListCustomersCommand } from './list-customers.command';

@Injectable()
export class ListCustomers {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly identities: CustomerIdentityRepository,
  ) {}

  execute(scope: TenantScope, command: ListCustomersCommand): Promise<Page<Customer>> {
    return this.customers.list(scope, {
      where: { [Op.and]: this.filters(scope, command) },
      limit: command.limit,
      cursor: command.cursor,
    });
  }

  private filters(scope: TenantScope, { q, channelId, tag }: ListCustomersCommand) {
    const filters: WhereOptions<Customer>[] = [];
    if (q) {
      const pattern = containsPattern(q);
      filters.push({
        [Op.or]: [{ name: { [Op.iLike]: pattern } }, { email: { [Op.iLike]: pattern } }],
      });
    }
    if (channelId) filters.push(this.identities.customersOnChannel(scope, channelId));
    if (tag) filters.push({ tags: { [Op.contains]: [tag] } });
    return filters;
  }
}
