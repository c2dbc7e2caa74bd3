-- rollup_age_county_year: people of households on the register at the end of a year, by county, year, five-year
-- age band (age = year - birth_year; 85 = the open band 85+; people not yet born that year are left out) and sex.
-- Persons are joined to households once, collapsed to (county, register years, birth year, sex), then crossed with
-- the years: the 90 M-row join is the only person-level work.
CREATE OR REPLACE TABLE rollup_age_county_year AS
WITH years AS (
    SELECT range::SMALLINT AS year FROM range(2014, 2021)
),
cohorts AS (
    SELECT h.county_adcode, h.registered_year, h.removed_year, p.birth_year, p.sex, count(*) AS n_people
    FROM persons AS p
    JOIN households AS h ON h.household_id = p.household_id
    GROUP BY ALL
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
