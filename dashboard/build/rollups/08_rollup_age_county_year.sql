-- rollup_age_county_year: people of households on the register at the end of a year, by county, year, five-year
-- age band (age = year - birth_year; 85 = the open band 85+; people not yet born that year are left out) and sex.
-- From the birth cohorts of person_groups (_person_groups.sql), crossed with the years.
CREATE OR REPLACE TABLE rollup_age_county_year AS
WITH years AS (
    SELECT range::SMALLINT AS year FROM range(2014, 2021)
),
cohorts AS (
    SELECT county_adcode, registered_year, removed_year, birth_year, sex, n_people
    FROM person_groups
    WHERE is_cohort
)
SELECT
    c.county_adcode,
    y.year,
    (least((y.year - c.birth_year) // 5, 17) * 5)::SMALLINT AS age_band_start,
    c.sex,
    sum(c.n_people)::BIGINT AS n_people
FROM cohorts AS c
CROSS JOIN years AS y
WHERE is_on_register(c.registered_year, c.removed_year, y.year) AND c.birth_year <= y.year
GROUP BY ALL
ORDER BY ALL;
