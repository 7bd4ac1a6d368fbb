CREATE TABLE `adoption_facility_rollup` (
	`facility_id` integer NOT NULL,
	`category` text NOT NULL,
	`cross_level` integer NOT NULL,
	`period_end` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`facility_id`, `category`, `cross_level`, `period_end`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `adoption_rollup` (
	`category` text NOT NULL,
	`cross_level` integer NOT NULL,
	`province_code` text NOT NULL,
	`period_end` text NOT NULL,
	`level` text NOT NULL,
	`competence` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`category`, `cross_level`, `province_code`, `period_end`, `level`, `competence`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `adoption_events_suspended_idx` ON `adoption_events` (`facility_id`,`technique_id`,`event_on`) WHERE kind = 'suspended';--> statement-breakpoint
CREATE INDEX `adoption_events_resumed_idx` ON `adoption_events` (`facility_id`,`technique_id`,`event_on`) WHERE kind = 'resumed';--> statement-breakpoint
CREATE INDEX `adoption_pairs_unclassified_idx` ON `adoption_pairs` (`facility_id`,`started_on`) WHERE min_level is null;--> statement-breakpoint
CREATE INDEX `adoption_pairs_suspended_cover_idx` ON `adoption_pairs` (`facility_id`,`suspended_on`,`cross_level`,`started_on`,`official_on`,`chapter_number`,`technique_id`) WHERE suspended_on is not null;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_pair_insert` AFTER INSERT ON `adoption_pairs`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, 1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select new.facility_id as facility_id, new.cross_level as cross_level, new.started_on as started_on, new.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select new.facility_id as facility_id, new.cross_level as cross_level, new.started_on as started_on, new.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select new.facility_id as facility_id, new.cross_level as cross_level, new.started_on as started_on, new.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
  insert into adoption_facility_rollup (facility_id, category, cross_level, period_end, n)
    select * from (select s.facility_id, k.category, s.cross_level,
        substr(case k.category when 'all' then s.started_on else s.official_on end, 1, 4) || case when substr(case k.category when 'all' then s.started_on else s.official_on end, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end, 1 * count(*) as n
      from (select new.facility_id as facility_id, new.cross_level as cross_level, new.started_on as started_on, new.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k
      where (case k.category when 'all' then s.started_on else s.official_on end) is not null
      group by 1, 2, 3, 4) where true
    on conflict (facility_id, category, cross_level, period_end) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_pair_delete` AFTER DELETE ON `adoption_pairs`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, -1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select old.facility_id as facility_id, old.cross_level as cross_level, old.started_on as started_on, old.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select old.facility_id as facility_id, old.cross_level as cross_level, old.started_on as started_on, old.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select old.facility_id as facility_id, old.cross_level as cross_level, old.started_on as started_on, old.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
  insert into adoption_facility_rollup (facility_id, category, cross_level, period_end, n)
    select * from (select s.facility_id, k.category, s.cross_level,
        substr(case k.category when 'all' then s.started_on else s.official_on end, 1, 4) || case when substr(case k.category when 'all' then s.started_on else s.official_on end, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end, -1 * count(*) as n
      from (select old.facility_id as facility_id, old.cross_level as cross_level, old.started_on as started_on, old.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k
      where (case k.category when 'all' then s.started_on else s.official_on end) is not null
      group by 1, 2, 3, 4) where true
    on conflict (facility_id, category, cross_level, period_end) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_pair_update` AFTER UPDATE ON `adoption_pairs`
WHEN old.facility_id IS NOT new.facility_id OR old.cross_level IS NOT new.cross_level
  OR old.started_on IS NOT new.started_on OR old.official_on IS NOT new.official_on
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, -1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select old.facility_id as facility_id, old.cross_level as cross_level, old.started_on as started_on, old.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select old.facility_id as facility_id, old.cross_level as cross_level, old.started_on as started_on, old.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select old.facility_id as facility_id, old.cross_level as cross_level, old.started_on as started_on, old.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, 1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select new.facility_id as facility_id, new.cross_level as cross_level, new.started_on as started_on, new.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select new.facility_id as facility_id, new.cross_level as cross_level, new.started_on as started_on, new.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select new.facility_id as facility_id, new.cross_level as cross_level, new.started_on as started_on, new.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
  insert into adoption_facility_rollup (facility_id, category, cross_level, period_end, n)
    select * from (select s.facility_id, k.category, s.cross_level,
        substr(case k.category when 'all' then s.started_on else s.official_on end, 1, 4) || case when substr(case k.category when 'all' then s.started_on else s.official_on end, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end, -1 * count(*) as n
      from (select old.facility_id as facility_id, old.cross_level as cross_level, old.started_on as started_on, old.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k
      where (case k.category when 'all' then s.started_on else s.official_on end) is not null
      group by 1, 2, 3, 4) where true
    on conflict (facility_id, category, cross_level, period_end) do update set n = n + excluded.n;
  insert into adoption_facility_rollup (facility_id, category, cross_level, period_end, n)
    select * from (select s.facility_id, k.category, s.cross_level,
        substr(case k.category when 'all' then s.started_on else s.official_on end, 1, 4) || case when substr(case k.category when 'all' then s.started_on else s.official_on end, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end, 1 * count(*) as n
      from (select new.facility_id as facility_id, new.cross_level as cross_level, new.started_on as started_on, new.official_on as official_on) s cross join (select 'all' as category union all select 'official' as category) k
      where (case k.category when 'all' then s.started_on else s.official_on end) is not null
      group by 1, 2, 3, 4) where true
    on conflict (facility_id, category, cross_level, period_end) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_levels_insert_before` BEFORE INSERT ON `facility_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, -1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_levels_insert_after` AFTER INSERT ON `facility_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, 1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_levels_delete_before` BEFORE DELETE ON `facility_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, -1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_levels_delete_after` AFTER DELETE ON `facility_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, 1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_levels_update_before` BEFORE UPDATE ON `facility_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, -1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_levels_update_after` AFTER UPDATE ON `facility_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, 1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_competence_levels_insert_before` BEFORE INSERT ON `facility_competence_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, -1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_competence_levels_insert_after` AFTER INSERT ON `facility_competence_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, 1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_competence_levels_delete_before` BEFORE DELETE ON `facility_competence_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, -1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_competence_levels_delete_after` AFTER DELETE ON `facility_competence_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, 1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_competence_levels_update_before` BEFORE UPDATE ON `facility_competence_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, -1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_competence_levels_update_after` AFTER UPDATE ON `facility_competence_levels`
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, 1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.facility_id, new.facility_id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_before` BEFORE UPDATE OF level, province_code ON `facilities`
WHEN old.level IS NOT new.level OR old.province_code IS NOT new.province_code
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, -1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (old.id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `adoption_rollup_facility_after` AFTER UPDATE OF level, province_code ON `facilities`
WHEN old.level IS NOT new.level OR old.province_code IS NOT new.province_code
BEGIN
  insert into adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
    select * from (select coalesce(f.province_code, '-') as province_code, coalesce(
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
        (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
        f.level) as level,
      coalesce(
        (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
        'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
      d.category, d.cross_level, 1 * sum(d.sign) as n
    from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.id)) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
      union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        cross join (select 1 as k union all select -1 as k) m
      union all
      select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
          case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
        from (select s.facility_id, s.cross_level, k.category,
          case k.category when 'all' then s.started_on else s.official_on end as from_on
        from (select facility_id, cross_level, started_on, official_on from adoption_pairs where facility_id in (new.id)) s cross join (select 'all' as category union all select 'official' as category) k) c
        join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
          and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
        cross join (select 1 as k union all select -1 as k) m) d
    join facilities f on f.id = d.facility_id
    group by 1, 2, 3, 4, 5, 6) where true
    on conflict (province_code, level, competence, period_end, category, cross_level) do update set n = n + excluded.n;
END;
--> statement-breakpoint
INSERT INTO adoption_rollup (province_code, level, competence, period_end, category, cross_level, n)
SELECT * FROM (select coalesce(f.province_code, '-') as province_code, coalesce(
      (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= d.at_date order by fl.valid_from desc limit 1),
      (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
      f.level) as level,
    coalesce(
      (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= d.at_date order by fc.valid_from desc limit 1),
      'none') as competence, substr(d.on_date, 1, 4) || case when substr(d.on_date, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end,
    d.category, d.cross_level, 1 * sum(d.sign) as n
  from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
      from (select s.facility_id, s.cross_level, k.category,
        case k.category when 'all' then s.started_on else s.official_on end as from_on
      from (select facility_id, cross_level, started_on, official_on from adoption_pairs) s cross join (select 'all' as category union all select 'official' as category) k) c where c.from_on is not null
    union all select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
        case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
      from (select s.facility_id, s.cross_level, k.category,
        case k.category when 'all' then s.started_on else s.official_on end as from_on
      from (select facility_id, cross_level, started_on, official_on from adoption_pairs) s cross join (select 'all' as category union all select 'official' as category) k) c
      join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
      cross join (select 1 as k union all select -1 as k) m
    union all
    select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
        case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
      from (select s.facility_id, s.cross_level, k.category,
        case k.category when 'all' then s.started_on else s.official_on end as from_on
      from (select facility_id, cross_level, started_on, official_on from adoption_pairs) s cross join (select 'all' as category union all select 'official' as category) k) c
      join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
      cross join (select 1 as k union all select -1 as k) m) d
  join facilities f on f.id = d.facility_id
  group by 1, 2, 3, 4, 5, 6) WHERE n <> 0;
--> statement-breakpoint
INSERT INTO adoption_facility_rollup (facility_id, category, cross_level, period_end, n)
SELECT * FROM (select s.facility_id, k.category, s.cross_level,
      substr(case k.category when 'all' then s.started_on else s.official_on end, 1, 4) || case when substr(case k.category when 'all' then s.started_on else s.official_on end, 6, 2) <= '06' then '-06-30' else '-12-31' end as period_end, 1 * count(*) as n
    from (select facility_id, cross_level, started_on, official_on from adoption_pairs) s cross join (select 'all' as category union all select 'official' as category) k
    where (case k.category when 'all' then s.started_on else s.official_on end) is not null
    group by 1, 2, 3, 4);
