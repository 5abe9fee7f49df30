export * from './definition';
export * from './failures';
export * from './steps';
