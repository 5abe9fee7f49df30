export * from './definition';
export * from './steps';
