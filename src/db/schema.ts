// Every table, for Drizzle's relational queries and for drizzle-kit to generate migrations from.
export * from '../agencies/agencies.table.ts';
export * from '../users/users.table.ts';
export * from '../auth/sessions.table.ts';
export * from '../auth/api-tokens.table.ts';
export * from '../audit/audit.table.ts';
export * from '../system/worker-checks.table.ts';
export * from '../households/households.table.ts';
export * from '../enquiries/enquiries.table.ts';
export * from '../enquiries/activity.table.ts';
export * from '../enquiries/saved-views.table.ts';
export * from '../privacy/consents.table.ts';
export * from '../privacy/equality.table.ts';
