-- rollup_village_year: village × year stocks for the village table of a county. Households are first collapsed to
-- their register history per village (one scan), then crossed with the years. Sorted by county so that a county's
-- rows sit together (zone maps skip the rest).
CREATE OR REPLACE TABLE rollup_village_year AS
WITH years AS (
    SELECT range::SMALLINT AS year FROM range(2014, 2021)
),
status AS (
    SELECT county_adcode, village_id, registered_year, removed_year, exit_year, first_exit_year, returned_year,
           count(*) AS n_households, sum(size)::BIGINT AS n_people
    FROM households
    GROUP BY ALL
)
SELECT
    s.county_adcode,
    s.village_id,
    y.year,
    coalesce(sum(s.n_households) FILTER (is_on_register(s.registered_year, s.removed_year, y.year)), 0)
        AS n_households_on_register,
    coalesce(sum(s.n_people) FILTER (is_on_register(s.registered_year, s.removed_year, y.year)), 0)
        AS n_people_on_register,
    coalesce(sum(s.n_people) FILTER (
        is_poor(s.registered_year, s.removed_year, s.exit_year, s.first_exit_year, s.returned_year, y.year)), 0)
        AS n_people_remaining
FROM status AS s
CROSS JOIN years AS y
GROUP BY ALL
ORDER BY s.county_adcode, s.village_id, y.year;
