/** Every table, for Drizzle's typed queries. Each module owns its own `*.tables.ts`. */

export * from './modules/appeals/appeals.metrics.tables.ts';
export * from './modules/deliveries/deliveries.tables.ts';
export * from './modules/duty/duty.tables.ts';
export * from './modules/files/files.tables.ts';
export * from './modules/green-channel/green-channel.tables.ts';
export * from './modules/hub/hub.tables.ts';
export * from './modules/identity/identity.tables.ts';
export * from './modules/orgs/orgs.tables.ts';
export * from './modules/payments/payments.tables.ts';
export * from './modules/projects/projects.tables.ts';
export * from './modules/stations/stations.access.tables.ts';
export * from './modules/stations/stations.parking.tables.ts';
export * from './modules/stations/stations.tables.ts';
export * from './modules/wishes/wishes.tables.ts';
export * from './platform/audit/audit.tables.ts';
export * from './platform/calendar/calendar.tables.ts';
export * from './platform/events/events.tables.ts';
export * from './platform/notify/notify.tables.ts';
