-- title: Age pyramid
-- description: People of the households on the register at the end of $year in the region $adcode, by five-year
--   age band and sex; age = $year − birth_year (members born after $year are left out). All 18 bands × 2 sexes,
--   zero where none. From rollup_age_county_year.
-- params:
--   adcode (integer): the region (100000 = the nation)
--   year (integer): 2014–2020
-- columns:
--   age_band: '0-4', '5-9', …, '80-84', '85+'
--   age_band_start: first age of the band (0, 5, …, 85)
--   sex: 'male' or 'female'
--   n_people: people in the band and sex
--   share_people: n_people ÷ all people counted (both sexes, all bands; 0–1; NULL when none)
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
by_band AS (
    SELECT ac.age_band_start, ac.sex, sum(ac.n_people)::BIGINT AS n_people
    FROM rollup_age_county_year AS ac
    JOIN region_counties AS rc ON rc.county_adcode = ac.county_adcode
    WHERE ac.year = $year
    GROUP BY ac.age_band_start, ac.sex
),
grid AS (
    SELECT (b.range * 5)::SMALLINT AS age_band_start, s.sex, s.sort_order
    FROM range(0, 18) AS b
    CROSS JOIN (VALUES ('male', 1), ('female', 2)) AS s(sex, sort_order)
)
SELECT
    CASE WHEN g.age_band_start = 85 THEN '85+'
         ELSE g.age_band_start::VARCHAR || '-' || (g.age_band_start + 4)::VARCHAR END AS age_band,
    g.age_band_start,
    g.sex,
    coalesce(bb.n_people, 0) AS n_people,
    coalesce(bb.n_people, 0) / nullif(sum(bb.n_people) OVER (), 0) AS share_people
FROM grid AS g
LEFT JOIN by_band AS bb ON bb.age_band_start = g.age_band_start AND bb.sex = g.sex
ORDER BY g.age_band_start, g.sort_order;
