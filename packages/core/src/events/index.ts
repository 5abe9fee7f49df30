export * from './contracts';
export * from './publisher';
export * from './redrive';
export * from './replay';
export * from './rules';
export * from './sources';
