-- title: Region path (breadcrumb)
-- description: The chain of regions from the nation down to $adcode, the region itself last.
--   No rows for an unknown adcode.
-- params:
--   adcode (integer): the region (100000 = the nation)
-- columns:
--   depth: 0 = the nation, then 1, 2, … down to the region
--   adcode: administrative division code
--   level: nation, province, prefecture or county
--   name_zh: name in Chinese
--   name_en: name in English
WITH RECURSIVE up(adcode, distance) AS (
    SELECT adcode, 0
    FROM regions
    WHERE adcode = $adcode
    UNION ALL
    SELECT r.parent_adcode, up.distance + 1
    FROM up
    JOIN regions AS r ON r.adcode = up.adcode
    WHERE r.parent_adcode IS NOT NULL
),
path AS (
    SELECT (max(up.distance) OVER () - up.distance)::INTEGER AS depth, r.adcode, r.level, r.name_zh, r.name_en
    FROM up
    JOIN regions AS r ON r.adcode = up.adcode
)
SELECT depth, adcode, level, name_zh, name_en
FROM path
ORDER BY depth;
