export * from './enums';
export * from './symbol';
export * from './types';
export * from './time';
export * from './price';
