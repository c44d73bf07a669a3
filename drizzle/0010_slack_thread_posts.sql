CREATE TABLE "slack_thread_posts" (
	"case_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"ts" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "slack_thread_posts" ADD CONSTRAINT "slack_thread_posts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "slack_thread_posts_uq" ON "slack_thread_posts" USING btree ("channel","ts");--> statement-breakpoint
CREATE INDEX "slack_thread_posts_case_idx" ON "slack_thread_posts" USING btree ("case_id");