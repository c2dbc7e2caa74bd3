-- rollup_people_county: people of households ever registered and not removed, by county and by each coded person
-- attribute (domain 'education', 'health', 'labour'; codes as in `labels`).
CREATE OR REPLACE TABLE rollup_people_county AS
WITH people AS (
    SELECT h.county_adcode, p.education, p.health, p.labour
    FROM persons AS p
    JOIN households AS h ON h.household_id = p.household_id
    WHERE h.removed_year IS NULL
),
counts AS (
    SELECT county_adcode, education, health, labour, count(*) AS n_people
    FROM people
    GROUP BY ALL
)
SELECT county_adcode, 'education' AS domain, education AS code, sum(n_people)::BIGINT AS n_people
FROM counts GROUP BY ALL
UNION ALL
SELECT county_adcode, 'health', health, sum(n_people)::BIGINT FROM counts GROUP BY ALL
UNION ALL
SELECT county_adcode, 'labour', labour, sum(n_people)::BIGINT FROM counts GROUP BY ALL
ORDER BY ALL;
