CREATE TABLE "slack_pings" (
	"channel" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL
);
