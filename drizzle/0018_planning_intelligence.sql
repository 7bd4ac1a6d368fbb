CREATE TABLE `decay_thresholds` (
	`province_code` text NOT NULL,
	`chapter_number` integer NOT NULL,
	`months` integer NOT NULL,
	`updated_by` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`province_code`, `chapter_number`),
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chapter_number`) REFERENCES `chapters`(`number`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rotation_quotas` (
	`facility_id` integer NOT NULL,
	`year` integer NOT NULL,
	`staff_quota` integer NOT NULL,
	`note` text,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`facility_id`, `year`),
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `transfer_item_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_item_id` integer NOT NULL,
	`label` text NOT NULL,
	`confirmed_on` text,
	`confirmed_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`transfer_item_id`) REFERENCES `transfer_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transfer_item_checks_item_idx` ON `transfer_item_checks` (`transfer_item_id`);--> statement-breakpoint
ALTER TABLE `agreement_meetings` ADD `minutes_vi` text;--> statement-breakpoint
ALTER TABLE `agreement_meetings` ADD `minutes_en` text;--> statement-breakpoint
ALTER TABLE `transfer_items` ADD `deferred_on` text;--> statement-breakpoint
ALTER TABLE `transfer_items` ADD `deferral_reason` text;