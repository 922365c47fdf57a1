export { KeyedSerialQueue } from './keyed-serial-queue';
