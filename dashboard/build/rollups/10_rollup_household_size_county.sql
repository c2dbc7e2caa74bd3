-- rollup_household_size_county: households ever registered and not removed, by county and size (8 = 8 or more).
CREATE OR REPLACE TABLE rollup_household_size_county AS
SELECT county_adcode, least(size, 8)::UTINYINT AS size, count(*) AS n_households
FROM households
WHERE removed_year IS NULL
GROUP BY ALL
ORDER BY ALL;
