export { type ErrorCategory, errorCategories } from './category';
export * from './error';
