CREATE TABLE "slack_requests" (
	"signature" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL
);
