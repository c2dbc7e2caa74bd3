-- title: Households by main cause of poverty
-- description: Households on the register at the end of $year in the region $adcode (and their people), by main
--   cause (致贫原因); all 12 causes, zero where none. From rollup_cause_county_year.
-- params:
--   adcode (integer): the region (100000 = the nation)
--   year (integer): 2014–2020
-- columns:
--   cause_code: cause code (causes.cause_code)
--   name_zh: cause in Chinese
--   name_en: cause in English
--   n_households: households on the register at the end of $year with this main cause
--   n_people: their people
--   share_households: n_households ÷ all households on the register (0–1; NULL when none)
--   share_people: n_people ÷ all people on the register (0–1; NULL when none)
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
by_cause AS (
    SELECT cc.cause_code, sum(cc.n_households)::BIGINT AS n_households, sum(cc.n_people)::BIGINT AS n_people
    FROM rollup_cause_county_year AS cc
    JOIN region_counties AS rc ON rc.county_adcode = cc.county_adcode
    WHERE cc.year = $year
    GROUP BY cc.cause_code
),
all_causes AS (
    SELECT c.cause_code, c.name_zh, c.name_en,
           coalesce(b.n_households, 0) AS n_households, coalesce(b.n_people, 0) AS n_people
    FROM causes AS c
    LEFT JOIN by_cause AS b ON b.cause_code = c.cause_code
)
SELECT
    cause_code,
    name_zh,
    name_en,
    n_households,
    n_people,
    n_households / nullif(sum(n_households) OVER (), 0) AS share_households,
    n_people / nullif(sum(n_people) OVER (), 0) AS share_people
FROM all_causes
ORDER BY cause_code;
