-- Identity keys (issue 12, "matching people the way they are typed"). The keys are made by
-- src/shared/identity.ts: Unicode NFC/NFD, apostrophe and dash variants, full case folding,
-- combining marks stripped, and libphonenumber's rules for phone numbers. None of that can be
-- written in SQL exactly (lower() depends on the database's locale, which is C in PGlite; SQL
-- regular expressions have no \p{M}; there is no libphonenumber), so the columns are added here
-- and the existing rows are filled by backfillIdentityKeys (src/households/identity-backfill.ts),
-- an idempotent step that Database.migrate() runs right after the migrations, on every start:
-- it touches only rows whose last_name_key is still null.
DROP INDEX "people_agency_email_idx";--> statement-breakpoint
DROP INDEX "people_agency_phone_idx";--> statement-breakpoint
DROP INDEX "people_agency_last_name_idx";--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "email_key" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "phone_e164" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "last_name_key" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "name_key" text;--> statement-breakpoint
CREATE INDEX "people_agency_email_key_idx" ON "people" USING btree ("agency_id","email_key");--> statement-breakpoint
CREATE INDEX "people_agency_phone_e164_idx" ON "people" USING btree ("agency_id","phone_e164");--> statement-breakpoint
CREATE INDEX "people_agency_last_name_key_idx" ON "people" USING btree ("agency_id","last_name_key");--> statement-breakpoint
CREATE INDEX "people_without_keys_idx" ON "people" USING btree ("id") WHERE "people"."last_name_key" is null;--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "phone_digits";