-- title: Main causes of poverty by child region
-- description: For each child region of $adcode (as child_regions) and each of the 12 causes: households on the
--   register at the end of $year with that main cause, and their share within the child region. Full grid
--   (children × causes), zero where none. A county has no child regions: zero rows.
-- params:
--   adcode (integer): the parent region (100000 = the nation)
--   year (integer): 2014–2020
-- columns:
--   adcode: the child region
--   name_zh: child region name in Chinese
--   name_en: child region name in English
--   cause_code: cause code (causes.cause_code)
--   n_households: households on the register at the end of $year in the child region with this main cause
--   share_households: n_households ÷ households on the register in the child region (0–1; NULL when none)
WITH children AS (
    SELECT adcode, name_zh, name_en
    FROM regions
    WHERE parent_adcode = $adcode
),
by_cause AS (
    SELECT b.adcode, cc.cause_code, sum(cc.n_households)::BIGINT AS n_households
    FROM rollup_cause_county_year AS cc
    JOIN rollup_region_bridge AS b ON b.county_adcode = cc.county_adcode
    JOIN children AS c ON c.adcode = b.adcode
    WHERE cc.year = $year
    GROUP BY b.adcode, cc.cause_code
),
grid AS (
    SELECT c.adcode, c.name_zh, c.name_en, k.cause_code, coalesce(b.n_households, 0) AS n_households
    FROM children AS c
    CROSS JOIN causes AS k
    LEFT JOIN by_cause AS b ON b.adcode = c.adcode AND b.cause_code = k.cause_code
)
SELECT
    adcode,
    name_zh,
    name_en,
    cause_code,
    n_households,
    n_households / nullif(sum(n_households) OVER (PARTITION BY adcode), 0) AS share_households
FROM grid
ORDER BY adcode, cause_code;
