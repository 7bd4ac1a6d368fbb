CREATE TABLE `rotation_plan_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`to_facility_id` integer NOT NULL,
	`agreement_id` integer NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text NOT NULL,
	`transfer_item_ids` text NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`rotation_id` integer,
	`replaces_rotation_id` integer,
	`decided_by` integer,
	`decided_at` text,
	FOREIGN KEY (`plan_id`) REFERENCES `rotation_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rotation_id`) REFERENCES `rotations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaces_rotation_id`) REFERENCES `rotations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rotation_plan_entries_plan_idx` ON `rotation_plan_entries` (`plan_id`,`start_on`);--> statement-breakpoint
CREATE INDEX `rotation_plan_entries_staff_idx` ON `rotation_plan_entries` (`staff_id`,`start_on`);--> statement-breakpoint
CREATE TABLE `rotation_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`previous_plan_id` integer,
	`options` text NOT NULL,
	`result` text NOT NULL,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`previous_plan_id`) REFERENCES `rotation_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rotation_plans_facility_idx` ON `rotation_plans` (`facility_id`,`status`,`period_start`);--> statement-breakpoint
CREATE TABLE `staff_unavailability` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`kind` text NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text NOT NULL,
	`note` text,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_unavailability_staff_idx` ON `staff_unavailability` (`staff_id`,`start_on`);