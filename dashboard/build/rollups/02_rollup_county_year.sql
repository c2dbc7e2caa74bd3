-- rollup_county_year: county × year (2014–2020) key figures. Every region figure is the sum of these rows over
-- the region's counties (rollup_region_bridge). Flows are events in the year; stocks are at the end of the year.
-- Flows balance: remaining(y) = remaining(y-1) + entered - removed - exited + returned, where "exited" counts
-- both first exits (of households that later returned) and final exits.
CREATE OR REPLACE TABLE rollup_county_year AS
WITH years AS (
    SELECT range::SMALLINT AS year FROM range(2014, 2021)
),
counties AS (
    SELECT DISTINCT b.county_adcode, r.is_poor_county, r.exit_batch_year, r.is_guapai_2020
    FROM rollup_region_bridge AS b
    JOIN regions AS r ON r.adcode = b.county_adcode
),
status AS (
    SELECT county_adcode, registered_year, removed_year, exit_year, first_exit_year, returned_year,
           sum(n_households) AS n_households, sum(n_people) AS n_people, sum(n_with_helper) AS n_with_helper
    FROM rollup_household_status
    GROUP BY ALL
),
status_year AS (
    SELECT
        s.*,
        y.year,
        s.registered_year = y.year AS is_entered,
        coalesce(s.removed_year = y.year, false) AS is_removed,
        coalesce(s.exit_year = y.year, false) OR coalesce(s.first_exit_year = y.year, false) AS is_exited,
        coalesce(s.returned_year = y.year, false) AS is_returned,
        is_on_register(s.registered_year, s.removed_year, y.year) AS is_on_register,
        is_poor(s.registered_year, s.removed_year, s.exit_year, s.first_exit_year, s.returned_year, y.year)
            AS is_poor,
        is_helped(s.registered_year, s.removed_year, s.exit_year, s.first_exit_year, s.returned_year, y.year)
            AS is_helped
    FROM status AS s
    CROSS JOIN years AS y
),
households AS (
    SELECT
        county_adcode,
        year,
        sum(n_households) FILTER (is_entered) AS n_households_entered,
        sum(n_households) FILTER (is_removed) AS n_households_removed,
        sum(n_households) FILTER (is_exited) AS n_households_exited,
        sum(n_households) FILTER (is_returned) AS n_households_returned,
        sum(n_households) FILTER (is_on_register) AS n_households_on_register,
        sum(n_households) FILTER (is_poor) AS n_households_remaining,
        sum(n_people) FILTER (is_entered) AS n_people_entered,
        sum(n_people) FILTER (is_removed) AS n_people_removed,
        sum(n_people) FILTER (is_exited) AS n_people_exited,
        sum(n_people) FILTER (is_returned) AS n_people_returned,
        sum(n_people) FILTER (is_on_register) AS n_people_on_register,
        sum(n_people) FILTER (is_poor) AS n_people_remaining,
        sum(n_households) FILTER (is_helped) AS n_households_helped,
        sum(n_with_helper) FILTER (is_helped) AS n_helped_with_helper
    FROM status_year
    GROUP BY county_adcode, year
),
villages_year AS (
    SELECT
        v.county_adcode,
        y.year,
        count(*) FILTER (v.is_poor_village) AS n_poor_villages,
        count(*) FILTER (v.is_poor_village AND v.exit_year = y.year) AS n_poor_villages_exited,
        count(*) FILTER (v.is_poor_village AND coalesce(v.exit_year > y.year, true)) AS n_poor_villages_remaining
    FROM villages AS v
    CROSS JOIN years AS y
    GROUP BY v.county_adcode, y.year
),
helpers AS (
    SELECT county_adcode, count(*) AS n_helpers
    FROM helpers
    GROUP BY county_adcode
)
SELECT
    c.county_adcode,
    y.year,
    coalesce(v.n_poor_villages, 0) AS n_poor_villages,
    coalesce(v.n_poor_villages_exited, 0) AS n_poor_villages_exited,
    coalesce(v.n_poor_villages_remaining, 0) AS n_poor_villages_remaining,
    coalesce(h.n_households_entered, 0) AS n_households_entered,
    coalesce(h.n_households_removed, 0) AS n_households_removed,
    coalesce(h.n_households_exited, 0) AS n_households_exited,
    coalesce(h.n_households_returned, 0) AS n_households_returned,
    coalesce(h.n_households_on_register, 0) AS n_households_on_register,
    coalesce(h.n_households_remaining, 0) AS n_households_remaining,
    coalesce(h.n_people_entered, 0) AS n_people_entered,
    coalesce(h.n_people_removed, 0) AS n_people_removed,
    coalesce(h.n_people_exited, 0) AS n_people_exited,
    coalesce(h.n_people_returned, 0) AS n_people_returned,
    coalesce(h.n_people_on_register, 0) AS n_people_on_register,
    coalesce(h.n_people_remaining, 0) AS n_people_remaining,
    coalesce(h.n_households_helped, 0) AS n_households_helped,
    coalesce(h.n_helped_with_helper, 0) AS n_helped_with_helper,
    coalesce(hp.n_helpers, 0) AS n_helpers,
    c.is_poor_county::INTEGER AS n_poor_counties,
    (c.is_poor_county AND coalesce(c.exit_batch_year <= y.year, false))::INTEGER AS n_poor_counties_exited,
    (c.is_poor_county AND coalesce(c.exit_batch_year = y.year, false))::INTEGER AS n_poor_counties_exited_in_year,
    (c.is_poor_county AND c.is_guapai_2020)::INTEGER AS n_guapai
FROM counties AS c
CROSS JOIN years AS y
LEFT JOIN households AS h ON h.county_adcode = c.county_adcode AND h.year = y.year
LEFT JOIN villages_year AS v ON v.county_adcode = c.county_adcode AND v.year = y.year
LEFT JOIN helpers AS hp ON hp.county_adcode = c.county_adcode
ORDER BY c.county_adcode, y.year;
