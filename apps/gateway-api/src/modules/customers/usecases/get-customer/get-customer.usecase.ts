import { Injectable } from '@nestjs/common';
import {
  type Customer,
  CustomerIdentityRepository,
  type CustomerIdentityView,
  CustomerRepository,
  type TenantScope,
} from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';

export interface CustomerWithIdentities {
  customer: Customer;
  identities: CustomerIdentityView[];
}

@Injectable()
export class GetCustomer {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly identities: CustomerIdentityRepository,
  ) {}

  async execute(scope: TenantScope, id: string): Promise<CustomerWithIdentities> {
    const customer = await this.customers.findById(scope, id);
    if (!customer) throw new ResourceNotFoundException('Customer');
    return { customer, identities: await this.identities.listWithChannels(scope, id) };
  }
}
