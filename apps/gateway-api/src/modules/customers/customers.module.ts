import { Module } from '@nestjs/common';
import { CustomerIdentityRepository, CustomerRepository } from '@cxgenie/database';
import { CustomersController } from './customers.controller';
import { DeleteCustomer } from './usecases/delete-customer/delete-customer.usecase';
import { GetCustomer } from './usecases/get-customer/get-customer.usecase';
import { ListCustomers } from './usecases/list-customers/list-customers.usecase';
import { UpdateCustomer } from './usecases/update-customer/update-customer.usecase';

@Module({
  controllers: [CustomersController],
  providers: [
    CustomerRepository,
    CustomerIdentityRepository,
    ListCustomers,
    GetCustomer,
    UpdateCustomer,
    DeleteCustomer,
  ],
})
export class CustomersModule {}
