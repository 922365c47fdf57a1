import { Injectable } from '@nestjs/common';
import type { Attributes } from 'sequelize';
import { type Customer, CustomerRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import type { UpdateCustomerCommand } from './update-customer.command';

/** Only the fields sent change; null clears a contact field. */
@Injectable()
export class UpdateCustomer {
  constructor(private readonly customers: CustomerRepository) {}

  async execute(scope: TenantScope, command: UpdateCustomerCommand): Promise<Customer> {
    const customer = await this.customers.update(scope, command.id, patchOf(command));
    if (!customer) throw new ResourceNotFoundException('Customer');
    return customer;
  }
}

function patchOf(fields: UpdateCustomerCommand): Partial<Attributes<Customer>> {
  const patch: Partial<Attributes<Customer>> = {};
  if (fields.name !== undefined) patch.name = fields.name;
  // Stored lowercased so the same address typed twice is one customer to search and match.
  if (fields.email !== undefined) patch.email = fields.email?.toLowerCase() ?? null;
  if (fields.phone !== undefined) patch.phone = fields.phone;
  if (fields.locale !== undefined) patch.locale = fields.locale;
  if (fields.tags !== undefined) patch.tags = [...new Set(fields.tags)];
  if (fields.metadata !== undefined) patch.metadata = fields.metadata;
  return patch;
}
