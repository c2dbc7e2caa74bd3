-- rollup_people_county: people of households ever registered and not removed, by county and by each coded person
-- attribute (domain 'education', 'health', 'labour'; codes as in `labels`). From person_groups.
CREATE OR REPLACE TABLE rollup_people_county AS
WITH counts AS (
    SELECT county_adcode, education, health, labour, n_people
    FROM person_groups
    WHERE NOT is_cohort AND removed_year IS NULL
)
SELECT county_adcode, 'education' AS domain, education AS code, sum(n_people)::BIGINT AS n_people
FROM counts GROUP BY ALL
UNION ALL
SELECT county_adcode, 'health', health, sum(n_people)::BIGINT FROM counts GROUP BY ALL
UNION ALL
SELECT county_adcode, 'labour', labour, sum(n_people)::BIGINT FROM counts GROUP BY ALL
ORDER BY ALL;
