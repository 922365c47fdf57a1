export * from './telegram.adapter';
export * from './telegram.schemas';
export * from './telegram-update.schema';
export * from './normalize-telegram-update';
export * from './telegram-delivery-error';
