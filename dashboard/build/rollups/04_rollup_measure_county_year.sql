-- rollup_measure_county_year: households helped in a year (_macros.sql: is_helped) having at least one assistance
-- row for a measure in that year, by county, year and measure; measure_code 0 = any measure.
--
-- Method: one aggregation of the account book to a bit mask of measures per household-year (so duplicate rows and
-- the number of rows per household stop mattering), one join to households for county and status, then a count per
-- distinct mask (few per county-year), expanded to measures.
CREATE OR REPLACE TABLE rollup_measure_county_year AS
WITH masks AS (
    SELECT household_id, year, bit_or((1::UBIGINT) << measure_code) AS mask
    FROM assistance
    GROUP BY household_id, year
),
helped_masks AS (
    SELECT h.county_adcode, m.year, m.mask, count(*) AS n_households
    FROM masks AS m
    JOIN households AS h ON h.household_id = m.household_id
    WHERE is_helped(h.registered_year, h.removed_year, h.exit_year, h.first_exit_year, h.returned_year, m.year)
    GROUP BY ALL
),
measure_codes AS (
    SELECT 0::UTINYINT AS measure_code
    UNION ALL
    SELECT measure_code FROM measures
)
SELECT
    hm.county_adcode,
    hm.year,
    mc.measure_code,
    sum(hm.n_households)::BIGINT AS n_households
FROM helped_masks AS hm
JOIN measure_codes AS mc
    ON mc.measure_code = 0 OR (hm.mask >> mc.measure_code) & 1 = 1
GROUP BY ALL
ORDER BY ALL;
