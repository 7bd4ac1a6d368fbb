CREATE TABLE `self_check_ins` (
	`enrolment_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`checked_in_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	PRIMARY KEY(`enrolment_id`, `session_id`),
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `course_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `self_check_ins_session_idx` ON `self_check_ins` (`session_id`,`status`);--> statement-breakpoint
CREATE TABLE `session_check_ins` (
	`session_id` integer PRIMARY KEY NOT NULL,
	`nonce` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` text NOT NULL,
	`opened_by` integer,
	`opened_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`session_id`) REFERENCES `course_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_check_ins_token_hash_unique` ON `session_check_ins` (`token_hash`);