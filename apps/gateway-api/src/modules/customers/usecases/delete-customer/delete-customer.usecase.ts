import { Injectable } from '@nestjs/common';
import { CustomerRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';

/**
 * Soft delete. Identities stay: when the same person writes again on that channel, the identity
 * is handed to a fresh customer rather than resurrecting this one.
 */
@Injectable()
export class DeleteCustomer {
  constructor(private readonly customers: CustomerRepository) {}

  async execute(scope: TenantScope, id: string): Promise<void> {
    if (!(await this.customers.remove(scope, id))) throw new ResourceNotFoundException('Customer');
  }
}
