-- rollup_measure_county_year: households helped in a year (_macros.sql: is_helped) having at least one assistance
-- row for a measure in that year, by county, year and measure; measure_code 0 = any measure.
--
-- Reads the temporary helped_measure_masks (one row per county, year and distinct set of measures; see
-- _helped_measure_masks.sql), so duplicate account-book rows and the number of rows per household do not matter,
-- and expands each set to its measures.
CREATE OR REPLACE TABLE rollup_measure_county_year AS
WITH measure_codes AS (
    SELECT 0::UTINYINT AS measure_code
    UNION ALL
    SELECT measure_code FROM measures
)
SELECT
    hm.county_adcode,
    hm.year::SMALLINT AS year,
    mc.measure_code,
    sum(hm.n_households)::BIGINT AS n_households
FROM helped_measure_masks AS hm
JOIN measure_codes AS mc
    ON mc.measure_code = 0 OR (hm.mask >> mc.measure_code) & 1 = 1
GROUP BY ALL
ORDER BY ALL;
