ALTER TABLE "users" ADD COLUMN "password_expires_at" timestamp with time zone;--> statement-breakpoint
-- One-time passwords waiting to be changed when this runs expire like new ones: 24 hours from now.
UPDATE "users" SET "password_expires_at" = now() + interval '24 hours' WHERE "must_change_password";
