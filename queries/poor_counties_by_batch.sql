-- title: Poor counties by exit batch
-- description: The national poor counties in the region $adcode by the year of their 摘帽 batch (2016–2020, all
--   five batches, zero where none), with those under listed supervision (挂牌督战) in 2020.
-- params:
--   adcode (integer): the region (100000 = the nation)
-- columns:
--   exit_batch_year: 摘帽 batch year 2016–2020
--   n_poor_counties: poor counties of the batch in the region
--   n_guapai: of those, under listed supervision in 2020
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
poor AS (
    SELECT r.exit_batch_year, count(*) AS n_poor_counties, count(*) FILTER (r.is_guapai_2020) AS n_guapai
    FROM regions AS r
    JOIN region_counties AS rc ON rc.county_adcode = r.adcode
    WHERE r.is_poor_county
    GROUP BY r.exit_batch_year
),
batches AS (
    SELECT range::SMALLINT AS exit_batch_year FROM range(2016, 2021)
)
SELECT
    b.exit_batch_year,
    coalesce(p.n_poor_counties, 0) AS n_poor_counties,
    coalesce(p.n_guapai, 0) AS n_guapai
FROM batches AS b
LEFT JOIN poor AS p ON p.exit_batch_year = b.exit_batch_year
ORDER BY b.exit_batch_year;
