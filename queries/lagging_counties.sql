-- title: Lagging poor counties
-- description: The national poor counties in the region $adcode furthest behind their 摘帽 batch at the end of
--   $year. Expected path: the share of registered people still poor falls linearly from 1 at the start of 2014
--   (end of 2013) to 0 at the end of the batch year, i.e. expected = max(0, (batch − $year) ÷ (batch − 2013)).
--   gap = actual share − expected; positive = behind. The $limit largest gaps, then by adcode.
-- params:
--   adcode (integer): the region (100000 = the nation); a poor county gives itself
--   year (integer): 2014–2020
--   limit (integer): at most this many counties
-- columns:
--   adcode: the county
--   name_zh: county name in Chinese
--   name_en: county name in English
--   exit_batch_year: 摘帽 batch year
--   is_guapai_2020: under listed supervision (挂牌督战) in 2020
--   n_people_on_register: people on the register at the end of $year
--   n_people_remaining: people poor at the end of $year
--   share_people_remaining: n_people_remaining ÷ n_people_on_register (0–1; NULL when none registered)
--   expected_share_remaining: the linear path's value at the end of $year (0–1)
--   gap: share_people_remaining − expected_share_remaining (NULL when the share is NULL)
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
counties AS (
    SELECT
        r.adcode,
        r.name_zh,
        r.name_en,
        r.exit_batch_year,
        r.is_guapai_2020,
        cy.n_people_on_register,
        cy.n_people_remaining,
        cy.n_people_remaining / nullif(cy.n_people_on_register, 0) AS share_people_remaining,
        greatest(0, (r.exit_batch_year - $year) / (r.exit_batch_year - 2013))::DOUBLE AS expected_share_remaining
    FROM regions AS r
    JOIN region_counties AS rc ON rc.county_adcode = r.adcode
    JOIN rollup_county_year AS cy ON cy.county_adcode = r.adcode AND cy.year = $year
    WHERE r.is_poor_county AND r.exit_batch_year IS NOT NULL
)
SELECT
    adcode,
    name_zh,
    name_en,
    exit_batch_year,
    is_guapai_2020,
    n_people_on_register,
    n_people_remaining,
    share_people_remaining,
    expected_share_remaining,
    share_people_remaining - expected_share_remaining AS gap
FROM counties
ORDER BY gap DESC NULLS LAST, adcode
LIMIT $limit;
