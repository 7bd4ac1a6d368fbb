CREATE TABLE `technique_list_request_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`kind` text NOT NULL,
	`technique_id` integer,
	`body` text,
	`lines` integer,
	`decision_number` text,
	`decision_on` text,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `technique_list_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `list_request_notes_request_idx` ON `technique_list_request_notes` (`request_id`,`id`);--> statement-breakpoint
-- Requests made before the thread: the submission becomes its first entry. Where a return
-- had already overwritten the facility's note, the stored comment is the department's.
INSERT INTO `technique_list_request_notes` (`request_id`, `kind`, `body`, `lines`, `user_id`, `created_at`)
SELECT r.`id`, 'submitted', CASE WHEN r.`status` = 'returned' THEN NULL ELSE r.`comment` END,
  (SELECT count(*) FROM `technique_list_request_items` i WHERE i.`request_id` = r.`id`),
  r.`submitted_by`, coalesce(r.`submitted_at`, r.`created_at`)
FROM `technique_list_requests` r;
--> statement-breakpoint
INSERT INTO `technique_list_request_notes` (`request_id`, `kind`, `body`, `lines`, `decision_number`, `decision_on`, `user_id`, `created_at`)
SELECT r.`id`, r.`status`, CASE WHEN r.`status` = 'returned' THEN r.`comment` END,
  (SELECT count(*) FROM `technique_list_request_items` i WHERE i.`request_id` = r.`id`),
  r.`decision_number`, r.`decision_on`, r.`decided_by`, coalesce(r.`decided_at`, r.`created_at`)
FROM `technique_list_requests` r WHERE r.`status` IN ('approved', 'returned');
