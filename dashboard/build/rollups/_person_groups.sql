-- person_groups (temporary): persons joined to their households once (the only 90 M-row join of the build) and
-- counted in two grouping sets, so the age and attribute rollups need no second pass:
--   is_cohort: by county, registration, removal, birth year and sex (for the age pyramid by year)
--   otherwise: by county, removal and the coded attributes education, health and labour
CREATE OR REPLACE TEMP TABLE person_groups AS
SELECT
    h.county_adcode,
    h.registered_year,
    h.removed_year,
    p.birth_year,
    p.sex,
    p.education,
    p.health,
    p.labour,
    grouping(p.birth_year) = 0 AS is_cohort,
    count(*) AS n_people
FROM persons AS p
JOIN households AS h ON h.household_id = p.household_id
GROUP BY GROUPING SETS (
    (h.county_adcode, h.registered_year, h.removed_year, p.birth_year, p.sex),
    (h.county_adcode, h.removed_year, p.education, p.health, p.labour)
);
