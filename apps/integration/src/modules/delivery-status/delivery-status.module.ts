import { Module } from '@nestjs/common';
import { PendingStatuses } from './pending-statuses';
import { RecordDeliveryStatus } from './usecases/record-delivery-status/record-delivery-status.usecase';

/** Receipts from the platforms (webhooks) and the ones that waited for our send to finish. */
@Module({
  providers: [PendingStatuses, RecordDeliveryStatus],
  exports: [PendingStatuses, RecordDeliveryStatus],
})
export class DeliveryStatusModule {}
