-- Calibration measurements: what a snapshot says for each figure in data/reference/facts.csv.
-- Named statements, split on the "-- name:" lines by dashboard/build/calibration.py. Parameters are bound by name.
-- Definitions follow the `note` column of facts.csv. Shared ones:
--   on the register         = not removed as wrongly registered (removed_year IS NULL); exited households stay on it
--   on the register in y    = registered_year <= y and not removed by the end of y
--   poor at the end of y    = on the register in y, final exit after y, and not between a first exit and a return
--   people                  = sum of households.size

-- name: scale
SELECT scale FROM meta;

-- name: figures
-- One wide row: a column per figure_id (the Python side turns it into rows). One pass per big table,
-- so a scale-1 snapshot (29 M households, 90 M persons) is scanned only a few times.
WITH hh AS (
    SELECT
        h.household_id, h.size, h.main_cause, h.registered_year, h.exit_year, h.housing_route,
        h.has_safe_water, h.has_piped_water, h.n_school_age, h.n_out_of_school, h.helper_id, h.income_2020,
        coalesce(r.is_poor_county, false) AS in_poor_county,
        r.region_ecw, r.province_adcode,
        h.removed_year IS NULL AS on_register,
        h.registered_year <= 2015 AND coalesce(h.removed_year > 2015, true) AS on_register_2015,
        h.registered_year <= 2017 AND coalesce(h.removed_year > 2017, true) AS on_register_2017,
        h.registered_year <= 2019 AND coalesce(h.removed_year > 2019, true) AS on_register_2019,
        on_register_2015 AND coalesce(h.exit_year > 2015, false)
            AND NOT coalesce(h.first_exit_year <= 2015 AND h.returned_year > 2015, false) AS poor_end_2015,
        h.registered_year <= 2016 AND coalesce(h.removed_year > 2016, true) AND coalesce(h.exit_year > 2016, false)
            AND NOT coalesce(h.first_exit_year <= 2016 AND h.returned_year > 2016, false) AS poor_end_2016,
        on_register_2019 AND coalesce(h.exit_year > 2019, false)
            AND NOT coalesce(h.first_exit_year <= 2019 AND h.returned_year > 2019, false) AS poor_end_2019
    FROM households AS h
    LEFT JOIN regions AS r ON r.adcode = h.county_adcode
),
-- Per-household flags from the assistance book.
af AS (
    SELECT
        household_id,
        bool_or(measure_code = 3) AS got_relocation,
        bool_or(measure_code = 4) AS got_ranger,
        bool_or(measure_code = 7 AND year <= 2016) AS got_credit_2016,
        bool_or(measure_code IN (1, 2)) AS got_industry_or_employment,
        bool_or(measure_code = 9 AND year = 2020) AS got_safety_net_2020
    FROM assistance
    GROUP BY household_id
),
h_agg AS (
    SELECT
        count(*) FILTER (registered_year = 2014) AS reg_households_2014,
        sum(size) FILTER (registered_year = 2014) AS reg_people_2014,
        reg_people_2014 / nullif(reg_households_2014, 0) AS persons_per_household_2014,
        sum(size) FILTER (registered_year IN (2015, 2016)) AS recheck_added_people,
        coalesce(sum(size) FILTER (NOT on_register), 0) AS recheck_removed_people,
        sum(size) FILTER (on_register) AS net_people_after_recheck,
        sum(size) FILTER (registered_year = 2014 AND province_adcode = 340000) AS anhui_reg_people_2014,
        -- regional split of the 2014 registration
        coalesce(sum(size) FILTER (registered_year = 2014 AND region_ecw = 'east'), 0) / nullif(reg_people_2014, 0)
            AS people_share_east,
        coalesce(sum(size) FILTER (registered_year = 2014 AND region_ecw = 'central'), 0) / nullif(reg_people_2014, 0)
            AS people_share_central,
        coalesce(sum(size) FILTER (registered_year = 2014 AND region_ecw = 'west'), 0) / nullif(reg_people_2014, 0)
            AS people_share_west,
        sum(size) FILTER (on_register AND exit_year IS NOT NULL) AS _exited_people,  -- '_': not a figure
        -- final exits by year, weighted by people (2015 can be 0: coalesce, so it reads 0 rather than NULL)
        coalesce(sum(size) FILTER (on_register AND exit_year = 2014), 0) / nullif(_exited_people, 0) AS exit_share_2014,
        coalesce(sum(size) FILTER (on_register AND exit_year = 2015), 0) / nullif(_exited_people, 0) AS exit_share_2015,
        coalesce(sum(size) FILTER (on_register AND exit_year = 2016), 0) / nullif(_exited_people, 0) AS exit_share_2016,
        coalesce(sum(size) FILTER (on_register AND exit_year = 2017), 0) / nullif(_exited_people, 0) AS exit_share_2017,
        coalesce(sum(size) FILTER (on_register AND exit_year = 2018), 0) / nullif(_exited_people, 0) AS exit_share_2018,
        coalesce(sum(size) FILTER (on_register AND exit_year = 2019), 0) / nullif(_exited_people, 0) AS exit_share_2019,
        coalesce(sum(size) FILTER (on_register AND exit_year = 2020), 0) / nullif(_exited_people, 0) AS exit_share_2020,
        -- housing (2020 check of every household on the register)
        count(*) FILTER (on_register) AS housing_checked_households_2020,
        avg((housing_route = 'safe')::DOUBLE) FILTER (on_register) AS housing_safe_share,
        avg((housing_route IN ('renovated', 'relocated'))::DOUBLE) FILTER (on_register) AS housing_made_safe_share,
        avg((housing_route = 'safe')::DOUBLE) FILTER (on_register AND in_poor_county)
            AS housing_safe_share_poor_counties,
        avg((housing_route = 'renovated')::DOUBLE) FILTER (on_register AND in_poor_county)
            AS housing_renovated_share_poor_counties,
        avg((housing_route = 'relocated')::DOUBLE) FILTER (on_register AND in_poor_county)
            AS housing_relocated_share_poor_counties,
        avg((housing_route = 'safe')::DOUBLE) FILTER (on_register AND NOT in_poor_county)
            AS housing_safe_share_other_counties,
        avg((housing_route = 'renovated')::DOUBLE) FILTER (on_register AND NOT in_poor_county)
            AS housing_renovated_share_other_counties,
        avg((housing_route = 'relocated')::DOUBLE) FILTER (on_register AND NOT in_poor_county)
            AS housing_relocated_share_other_counties,
        coalesce(sum(size) FILTER (on_register AND housing_route = 'relocated'), 0) AS relocated_people,
        coalesce(sum(size) FILTER (on_register AND housing_route = 'relocated' AND province_adcode = 140000), 0)
            AS shanxi_relocated_people,
        -- assistance book, per household
        coalesce(sum(size) FILTER (on_register AND got_relocation), 0) AS relocated_people_measure3,
        count(*) FILTER (got_ranger) AS eco_ranger_people,
        count(*) FILTER (got_credit_2016) AS microcredit_households_2016,
        coalesce(sum(size) FILTER (on_register AND got_safety_net_2020), 0) AS safety_net_people_2020,
        coalesce(sum(size) FILTER (on_register AND got_industry_or_employment), 0)
            / nullif(sum(size) FILTER (on_register), 0) AS industry_or_employment_share,
        -- causes
        avg((main_cause = 1)::DOUBLE) FILTER (registered_year = 2014) AS illness_share_households,
        coalesce(sum(size) FILTER (on_register_2015 AND main_cause = 1), 0)
            / nullif(sum(size) FILTER (on_register_2015), 0)
            AS illness_share_people_2015,
        coalesce(sum(size) FILTER (poor_end_2015 AND main_cause = 1), 0) AS illness_people_2015,
        avg((main_cause = 1)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_illness,
        avg((main_cause = 2)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_disability,
        avg((main_cause = 3)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_schooling,
        avg((main_cause = 4)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_disaster,
        avg((main_cause = 5)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_lack_land,
        avg((main_cause = 6)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_lack_water,
        avg((main_cause = 7)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_lack_skills,
        avg((main_cause = 8)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_lack_labour,
        avg((main_cause = 9)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_lack_funds,
        avg((main_cause = 10)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_poor_transport,
        avg((main_cause = 11)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_low_motivation,
        avg((main_cause = 12)::DOUBLE) FILTER (registered_year = 2014) AS cause_share_other,
        -- 2020 census items, households in national poor counties
        avg(has_safe_water::DOUBLE) FILTER (on_register AND in_poor_county) AS no_water_shortage_share_poor_counties,
        avg(has_piped_water::DOUBLE) FILTER (on_register AND in_poor_county) AS piped_water_share_poor_counties,
        1 - coalesce(sum(n_out_of_school) FILTER (on_register AND in_poor_county), 0)
            / nullif(sum(n_school_age) FILTER (on_register AND in_poor_county), 0)
            AS school_attendance_6_15_poor_counties,
        sum(income_2020 * size) FILTER (on_register AND in_poor_county AND income_2020 IS NOT NULL)
            / nullif(sum(size) FILTER (on_register AND in_poor_county AND income_2020 IS NOT NULL), 0)
            AS income_2020_poor_areas,
        -- helpers
        (SELECT count(*) FROM helpers) / nullif(count(*) FILTER (on_register), 0) AS helpers_per_household,
        avg((helper_id IS NOT NULL)::DOUBLE) FILTER (on_register) AS helper_coverage_share
    FROM hh
    LEFT JOIN af USING (household_id)
),
p_agg AS (
    SELECT
        count(*) FILTER (p.is_migrant_worker AND hh.on_register_2019) AS migrant_workers_2019,
        count(*) FILTER (p.health = 'disabled' AND hh.registered_year = 2014) AS disabled_people_2014,
        count(*) FILTER (p.health = 'disabled' AND hh.poor_end_2019) AS disabled_people_2019,
        count(*) FILTER (p.health IN ('serious', 'chronic') AND hh.poor_end_2016) AS ill_people_serious_chronic,
        count(*) FILTER (p.health = 'serious' AND hh.on_register_2017) AS ill_people_serious_2017,
        count(*) FILTER (p.health = 'chronic' AND hh.on_register_2017) AS ill_people_chronic_2017,
        avg(p.is_medically_insured::DOUBLE) FILTER (hh.on_register) AS insured_share
    FROM persons AS p
    JOIN hh USING (household_id)
),
a_agg AS (
    SELECT
        coalesce(sum(amount_yuan) FILTER (measure_code = 7 AND year <= 2016), 0) AS microcredit_amount_2016,
        count(*) FILTER (measure_code = 7 AND year <= 2020) AS microcredit_household_times_2020
    FROM assistance
),
v_agg AS (
    SELECT
        count(*) FILTER (v.is_poor_village) AS reg_villages_2014,
        count(*) FILTER (v.is_poor_village AND coalesce(v.exit_year > 2018, true)) AS poor_villages_remaining_2018,
        count(*) FILTER (v.is_poor_village AND coalesce(v.exit_year > 2019, true)) AS poor_villages_remaining_2019,
        count(*) FILTER (v.is_poor_village AND coalesce(v.exit_year > 2020, true)) AS poor_villages_remaining_2020,
        count(*) FILTER (v.has_work_team) AS work_teams_2016,
        count(*) FILTER (v.has_first_secretary) AS first_secretaries_2016,
        count(*) FILTER (v.is_poor_village AND r.province_adcode = 340000) AS anhui_poor_villages_2014
    FROM villages AS v
    LEFT JOIN regions AS r ON r.adcode = v.county_adcode
),
r_agg AS (
    SELECT
        count(*) FILTER (is_poor_county) AS poor_counties_total,
        count(*) FILTER (is_poor_county AND exit_batch_year = 2016) AS county_exits_2016,
        count(*) FILTER (is_poor_county AND exit_batch_year = 2017) AS county_exits_2017,
        count(*) FILTER (is_poor_county AND exit_batch_year = 2018) AS county_exits_2018,
        count(*) FILTER (is_poor_county AND exit_batch_year = 2019) AS county_exits_2019,
        count(*) FILTER (is_poor_county AND exit_batch_year = 2020) AS county_exits_2020,
        count(*) FILTER (is_guapai_2020) AS guapai_counties_2020
    FROM regions
    WHERE level = 'county'
),
l_agg AS (
    SELECT
        max(line_yuan) FILTER (year = 2014) AS poverty_line_2014,
        max(line_yuan) FILTER (year = 2015) AS poverty_line_2015,
        max(line_yuan) FILTER (year = 2016) AS poverty_line_2016,
        max(line_yuan) FILTER (year = 2017) AS poverty_line_2017,
        max(line_yuan) FILTER (year = 2018) AS poverty_line_2018,
        max(line_yuan) FILTER (year = 2019) AS poverty_line_2019,
        max(line_yuan) FILTER (year = 2020) AS poverty_line_2020
    FROM poverty_lines
)
SELECT COLUMNS(lambda c: NOT starts_with(c, '_'))
FROM h_agg, p_agg, a_agg, v_agg, r_agg, l_agg;

-- name: poor_counties
-- Poor counties per province and exit batch, for the exact check against poor_counties_by_province_exit_year.csv.
-- Counted over the 832 rows of the list as matched to boundaries (poor_county_list): 冷湖 and 茫崖 merged into
-- one county in 2018, so `regions` holds 831 poor counties. A row counts only if its boundary is a poor county of
-- the same province and batch in `regions`, so the check still covers the regions table.
SELECT l.province_adcode, l.exit_batch_year, count(*) AS n_counties
FROM poor_county_list AS l
JOIN regions AS r ON r.adcode = l.boundary_adcode
WHERE r.level = $level AND r.is_poor_county AND r.province_adcode = l.province_adcode
  AND r.exit_batch_year = l.exit_batch_year
GROUP BY ALL
ORDER BY ALL;
