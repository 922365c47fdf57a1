import type { Customer, CustomerIdentityView } from '@cxgenie/database';
import type { CustomerDetailResponse, CustomerResponse } from './dto/customer.dto';

export const presentCustomer = (customer: Customer): CustomerResponse => ({
  id: customer.id,
  name: customer.name,
  email: customer.email,
  phone: customer.phone,
  avatarUrl: customer.avatarUrl,
  locale: customer.locale,
  tags: customer.tags,
  metadata: customer.metadata,
  createdAt: customer.createdAt,
  updatedAt: customer.updatedAt,
});

export const presentCustomerDetail = (
  customer: Customer,
  identities: CustomerIdentityView[],
): CustomerDetailResponse => ({
  ...presentCustomer(customer),
  identities: identities.map(({ channelId, channelType, externalId }) => ({
    channelId,
    channelType,
    externalId,
  })),
});
