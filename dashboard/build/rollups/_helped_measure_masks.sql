-- helped_measure_masks (temporary): per county, year and set of measures (a bit mask, bit = measure_code), the
-- households helped that year (is_helped) whose assistance rows that year cover exactly that set.
-- The reference implementation in SQL. rollups.py computes the same table with numpy when it can (one gather per
-- assistance row instead of a 290 M-row hash aggregation and join at scale 1); tests require both to agree.
CREATE OR REPLACE TEMP TABLE helped_measure_masks AS
WITH masks AS (
    SELECT household_id, year, bit_or((1::UBIGINT) << measure_code) AS mask
    FROM assistance
    GROUP BY household_id, year
)
SELECT h.county_adcode, m.year, m.mask, count(*) AS n_households
FROM masks AS m
JOIN households AS h ON h.household_id = m.household_id
WHERE is_helped(h.registered_year, h.removed_year, h.exit_year, h.first_exit_year, h.returned_year, m.year)
GROUP BY ALL;
