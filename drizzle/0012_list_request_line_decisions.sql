ALTER TABLE `technique_list_request_items` ADD `status` text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE `technique_list_request_items` ADD `return_reason` text;--> statement-breakpoint
ALTER TABLE `technique_list_request_items` ADD `decided_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `technique_list_request_items` ADD `decided_at` text;--> statement-breakpoint
ALTER TABLE `technique_list_request_items` ADD `decision_number` text;--> statement-breakpoint
ALTER TABLE `technique_list_request_items` ADD `decision_on` text;--> statement-breakpoint
-- Requests decided as a whole before: every line takes the request's outcome.
UPDATE `technique_list_request_items` SET
  `status` = (SELECT r.`status` FROM `technique_list_requests` r WHERE r.`id` = `request_id`),
  `decided_by` = (SELECT r.`decided_by` FROM `technique_list_requests` r WHERE r.`id` = `request_id`),
  `decided_at` = (SELECT r.`decided_at` FROM `technique_list_requests` r WHERE r.`id` = `request_id`),
  `decision_number` = (SELECT r.`decision_number` FROM `technique_list_requests` r WHERE r.`id` = `request_id` AND r.`status` = 'approved'),
  `decision_on` = (SELECT r.`decision_on` FROM `technique_list_requests` r WHERE r.`id` = `request_id` AND r.`status` = 'approved')
WHERE `request_id` IN (SELECT `id` FROM `technique_list_requests` WHERE `status` IN ('approved', 'returned'));
