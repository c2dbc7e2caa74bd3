-- One row per member, from the household row itself (no join); attributes as recorded in 2020.
INSERT INTO persons
WITH m AS (
    SELECT household_id, is_poor_county, region_ecw, main_cause, ill_k, head_age, ethnicity,
           household_id::BIGINT * 16 + k AS person_id, k,
           u16(h64(household_id, 'head'), 0) < 0.82 AS head_is_male
    FROM (
        -- only the columns persons need go through the unnest (hh_full is wide)
        SELECT household_id, is_poor_county, region_ecw, main_cause, ill_k, head_age, ethnicity,
               unnest(range(size)) AS k
        FROM hh_full
    )
),
a AS (
    SELECT *, p_hash(person_id) AS hp, p_hash2(person_id) AS hq FROM m
),
b AS (
    SELECT *, p_relation(k, hp, head_age) AS relation FROM a
),
c AS (
    SELECT *, p_age(relation, hp, head_age) AS age FROM b
),
d AS (
    SELECT *, p_in_school(age + 6, hp, is_poor_county) AS is_in_school,
           p_health(k, ill_k, main_cause, age, hp) AS health
    FROM c
),
e AS (
    SELECT *, p_labour(age + 6, health, is_in_school, hq) AS labour FROM d
)
SELECT
    person_id,
    household_id,
    relation,
    CASE WHEN relation = 'head' THEN CASE WHEN head_is_male THEN 'male' ELSE 'female' END
         WHEN relation = 'spouse' THEN CASE WHEN head_is_male THEN 'female' ELSE 'male' END
         WHEN u16(hq, 1) < 0.52 THEN 'male' ELSE 'female' END AS sex,
    (2014 - age)::SMALLINT AS birth_year,
    ethnicity,
    p_education(age + 6, is_in_school, u16(hq, 1) - CASE WHEN region_ecw = 'west' THEN 0.06 ELSE 0 END) AS education,
    health,
    labour,
    is_in_school,
    p_insured(hq) AS is_medically_insured,
    p_migrant(age + 6, labour, hq) AS is_migrant_worker
FROM e;
