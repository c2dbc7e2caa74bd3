-- title: Assistance coverage by child region and measure
-- description: For each child region of $adcode (as child_regions): households helped in $year (defined as in
--   assistance_coverage) with at least one row for each measure in $year. measure_code 0 is "any measure" (at
--   least one row of any measure), named 任一措施 / Any measure. Full grid (children × (0 + measures)), zero
--   where none. A county has no child regions: zero rows.
-- params:
--   adcode (integer): the parent region (100000 = the nation)
--   year (integer): 2014–2020
-- columns:
--   adcode: the child region
--   name_zh: child region name in Chinese
--   name_en: child region name in English
--   measure_code: measure code; 0 = any measure
--   measure_name_zh: measure in Chinese
--   measure_name_en: measure in English
--   n_households: households helped in $year in the child region with at least one row for the measure
--   share_households: n_households ÷ n_base (0–1; NULL when no household was helped)
--   n_base: households helped in $year in the child region (the same on the child's rows)
--   n_without_measure: of those, households with no assistance row at all in $year (the same on the child's rows)
WITH children AS (
    SELECT adcode, name_zh, name_en
    FROM regions
    WHERE parent_adcode = $adcode
),
child_counties AS (
    SELECT b.adcode, b.county_adcode
    FROM rollup_region_bridge AS b
    JOIN children AS c ON c.adcode = b.adcode
),
base AS (
    SELECT cc.adcode, sum(cy.n_households_helped)::BIGINT AS n_base
    FROM rollup_county_year AS cy
    JOIN child_counties AS cc ON cc.county_adcode = cy.county_adcode
    WHERE cy.year = $year
    GROUP BY cc.adcode
),
by_measure AS (
    SELECT cc.adcode, m.measure_code, sum(m.n_households)::BIGINT AS n_households
    FROM rollup_measure_county_year AS m
    JOIN child_counties AS cc ON cc.county_adcode = m.county_adcode
    WHERE m.year = $year
    GROUP BY cc.adcode, m.measure_code
),
measure_list AS (
    SELECT 0::UTINYINT AS measure_code, '任一措施' AS name_zh, 'Any measure' AS name_en
    UNION ALL
    SELECT measure_code, name_zh, name_en FROM measures
),
grid AS (
    SELECT
        c.adcode,
        c.name_zh,
        c.name_en,
        ml.measure_code,
        ml.name_zh AS measure_name_zh,
        ml.name_en AS measure_name_en,
        coalesce(bm.n_households, 0) AS n_households,
        coalesce(b.n_base, 0) AS n_base
    FROM children AS c
    CROSS JOIN measure_list AS ml
    LEFT JOIN base AS b ON b.adcode = c.adcode
    LEFT JOIN by_measure AS bm ON bm.adcode = c.adcode AND bm.measure_code = ml.measure_code
)
SELECT
    adcode,
    name_zh,
    name_en,
    measure_code,
    measure_name_zh,
    measure_name_en,
    n_households,
    n_households / nullif(n_base, 0) AS share_households,
    n_base,
    n_base - max(n_households) FILTER (measure_code = 0) OVER (PARTITION BY adcode) AS n_without_measure
FROM grid
ORDER BY adcode, measure_code;
