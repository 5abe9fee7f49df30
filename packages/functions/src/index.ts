export { createOrderRejectedHandler } from './order-rejected';
export { createSequenceAndStoreHandler } from './sequence-and-store';
export { createValidateHandler } from './validate';
