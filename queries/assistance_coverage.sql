-- title: Assistance coverage by measure
-- description: Of the households helped in $year in the region $adcode, how many had at least one assistance
--   row (帮扶措施台账) for each measure in $year. "Helped in $year" = on the register at the end of $year and poor
--   at some time during it: poor at the end of $year − 1, poor at the end of $year, or exiting (first or final
--   exit) in $year. So it takes in the year's entrants and returners and leaves out households removed in
--   $year. All measures, zero where none. From rollup_measure_county_year and rollup_county_year.
-- params:
--   adcode (integer): the region (100000 = the nation)
--   year (integer): 2014–2020
-- columns:
--   measure_code: measure code (measures.measure_code)
--   name_zh: measure in Chinese
--   name_en: measure in English
--   n_households: households helped in $year with at least one row for the measure in $year
--   share_households: n_households ÷ n_base (0–1; NULL when no household was helped)
--   n_base: households helped in $year (the same for every row)
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
base AS (
    SELECT sum(cy.n_households_helped)::BIGINT AS n_base
    FROM rollup_county_year AS cy
    JOIN region_counties AS rc ON rc.county_adcode = cy.county_adcode
    WHERE cy.year = $year
),
by_measure AS (
    SELECT m.measure_code, sum(m.n_households)::BIGINT AS n_households
    FROM rollup_measure_county_year AS m
    JOIN region_counties AS rc ON rc.county_adcode = m.county_adcode
    WHERE m.year = $year AND m.measure_code <> 0
    GROUP BY m.measure_code
)
SELECT
    ms.measure_code,
    ms.name_zh,
    ms.name_en,
    coalesce(bm.n_households, 0) AS n_households,
    coalesce(bm.n_households, 0) / nullif(b.n_base, 0) AS share_households,
    coalesce(b.n_base, 0) AS n_base
FROM measures AS ms
CROSS JOIN base AS b
LEFT JOIN by_measure AS bm ON bm.measure_code = ms.measure_code
ORDER BY ms.measure_code;
