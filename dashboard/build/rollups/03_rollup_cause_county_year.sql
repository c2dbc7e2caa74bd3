-- rollup_cause_county_year: households (and their people) on the register at the end of each year, by county and
-- main cause. Only non-empty cells are stored; queries add the causes that are missing.
CREATE OR REPLACE TABLE rollup_cause_county_year AS
WITH years AS (
    SELECT range::SMALLINT AS year FROM range(2014, 2021)
)
SELECT
    s.county_adcode,
    y.year,
    s.main_cause AS cause_code,
    sum(s.n_households)::BIGINT AS n_households,
    sum(s.n_people)::BIGINT AS n_people
FROM rollup_household_status AS s
CROSS JOIN years AS y
WHERE is_on_register(s.registered_year, s.removed_year, y.year)
GROUP BY ALL
ORDER BY ALL;
