export * from './fake-telegram.server';
export * from './telegram-updates';
