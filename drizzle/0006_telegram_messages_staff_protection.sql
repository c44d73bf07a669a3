CREATE TABLE "telegram_messages" (
	"chat_id" text NOT NULL,
	"message_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "telegram_messages_pk" PRIMARY KEY("chat_id","message_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "protection" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "telegram_messages_at_idx" ON "telegram_messages" USING btree ("at");