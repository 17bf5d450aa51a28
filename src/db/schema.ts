// Every table, for Drizzle's relational queries and for drizzle-kit to generate migrations from.
export * from '../agencies/agencies.table.ts';
export * from '../users/users.table.ts';
export * from '../auth/sessions.table.ts';
export * from '../auth/api-tokens.table.ts';
export * from '../audit/audit.table.ts';
export * from '../system/worker-checks.table.ts';
