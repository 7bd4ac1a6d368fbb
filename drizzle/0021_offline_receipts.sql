CREATE TABLE `submission_receipts` (
	`key` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`form` text NOT NULL,
	`entity_id` integer,
	`location` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `submission_receipts_user_idx` ON `submission_receipts` (`user_id`,`created_at`);