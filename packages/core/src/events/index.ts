export * from './contracts';
export * from './publisher';
export * from './rules';
export * from './sources';
