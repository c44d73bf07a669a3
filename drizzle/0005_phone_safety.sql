CREATE TABLE "pending_news" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_id" uuid NOT NULL,
	"message_enc" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "reach" text DEFAULT 'push' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pending_news" ADD CONSTRAINT "pending_news_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pending_news_contact_idx" ON "pending_news" USING btree ("contact_id","id");