export * from './contract';
export * from './define';
export * from './settings';
export * from './trading';
export * from './strategy';
export * from './risk';
