-- rollup_region_bridge: every region paired with each county-level region in its subtree (itself included).
-- Region figures are sums over the counties of this bridge, so the drill-down parent chain (regions.parent_adcode)
-- is walked once here and never at query time. A "county" is level 'county' or any leaf region, so a
-- prefecture-level city without counties still carries its own households.
CREATE OR REPLACE TABLE rollup_region_bridge AS
WITH RECURSIVE up(adcode, county_adcode, distance) AS (
    SELECT adcode, adcode, 0
    FROM regions
    UNION ALL
    SELECT r.parent_adcode, up.county_adcode, up.distance + 1
    FROM up
    JOIN regions AS r ON r.adcode = up.adcode
    WHERE r.parent_adcode IS NOT NULL
)
SELECT up.adcode, up.county_adcode, up.distance
FROM up
JOIN regions AS c ON c.adcode = up.county_adcode
WHERE c.level = 'county' OR c.n_children = 0
ORDER BY up.adcode, up.county_adcode;
