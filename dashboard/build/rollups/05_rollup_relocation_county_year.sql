-- rollup_relocation_county_year: households (and people) relocated (易地扶贫搬迁) per year, by county: housing
-- route 'relocated', counted in the first year with a relocation-measure assistance row, if on the register at the
-- end of that year. The relocation measure is found by its key in `measures` (its code is the builder's choice);
-- a snapshot without one yields no rows. Queries take cumulative sums over years.
CREATE OR REPLACE TABLE rollup_relocation_county_year AS
WITH relocation_codes AS (
    SELECT measure_code
    FROM measures
    WHERE measure_key = 'relocation'
),
first_relocation AS (
    SELECT household_id, min(year) AS year
    FROM assistance
    WHERE measure_code IN (SELECT measure_code FROM relocation_codes)
    GROUP BY household_id
)
SELECT
    h.county_adcode,
    f.year,
    count(*) AS n_households_relocated,
    sum(h.size)::BIGINT AS n_people_relocated
FROM first_relocation AS f
JOIN households AS h ON h.household_id = f.household_id
WHERE h.housing_route = 'relocated' AND is_on_register(h.registered_year, h.removed_year, f.year)
GROUP BY ALL
ORDER BY ALL;
