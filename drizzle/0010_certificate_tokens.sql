ALTER TABLE `enrolments` ADD `certificate_token` text;--> statement-breakpoint
CREATE UNIQUE INDEX `enrolments_certificate_token_unique` ON `enrolments` (`certificate_token`);--> statement-breakpoint
-- Certificates issued before get their token here (128 random bits, as the app makes them).
UPDATE `enrolments` SET `certificate_token` = lower(hex(randomblob(16))) WHERE `certificate_number` IS NOT NULL;
