export * from './appeals.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './identity.ts';
export * from './orgs.ts';
export * from './regions.ts';
export * from './roles.ts';
