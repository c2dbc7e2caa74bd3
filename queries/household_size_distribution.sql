-- title: Household size distribution
-- description: Households ever registered and never removed in the region $adcode by size, 8 standing for 8 or
--   more persons. Sizes 1–8, zero where none. From rollup_household_size_county.
-- params:
--   adcode (integer): the region (100000 = the nation)
-- columns:
--   size: household size 1–8 (8 = 8 or more)
--   size_label: '1' … '7', '8+'
--   n_households: households of that size
--   share_households: n_households ÷ all such households (0–1; NULL when none)
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
by_size AS (
    SELECT hs.size, sum(hs.n_households)::BIGINT AS n_households
    FROM rollup_household_size_county AS hs
    JOIN region_counties AS rc ON rc.county_adcode = hs.county_adcode
    GROUP BY hs.size
),
sizes AS (
    SELECT range::UTINYINT AS size FROM range(1, 9)
)
SELECT
    s.size,
    CASE WHEN s.size = 8 THEN '8+' ELSE s.size::VARCHAR END AS size_label,
    coalesce(b.n_households, 0) AS n_households,
    coalesce(b.n_households, 0) / nullif(sum(b.n_households) OVER (), 0) AS share_households
FROM sizes AS s
LEFT JOIN by_size AS b ON b.size = s.size
ORDER BY s.size;
