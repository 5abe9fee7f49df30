export { type ErrorCategory, errorCategories } from './entity';
export * from './error';
