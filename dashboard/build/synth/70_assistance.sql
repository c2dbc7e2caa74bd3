-- The account book: yearly measures for every year a household is poor or exiting (registration year to exit
-- year); the safety net and public-welfare jobs go on after exit (脱贫不脱政策) until 2020; plus one-off
-- measures (relocation, renovation, microcredit) and rangers (2016–2020).
INSERT INTO assistance
WITH hh AS (
    SELECT h.*, coalesce(m.n_school_age, 0) AS n_school_age,
           h64(household_id, 'measures') AS hm1, h64(household_id, 'measures2') AS hm2
    FROM hh_full AS h
    LEFT JOIN hh_members AS m USING (household_id)
),
hh_flags AS (
    -- whether the household takes the safety net or a public-welfare job at all (those go on after exit)
    SELECT *,
           u16(hm2, 0) < CASE main_cause WHEN 8 THEN 0.65 WHEN 2 THEN 0.6 WHEN 1 THEN 0.3 ELSE 0.07 END AS has_net,
           u16(hm2, 2) < 0.1 AS has_job
    FROM hh
),
hy AS (
    SELECT household_id, size, main_cause, n_school_age, is_poor_county, y1, hm1, hm2, has_net, has_job,
           unnest(range(y0, CASE WHEN removed_year IS NULL AND (has_net OR has_job) THEN 2021 ELSE y1 + 1 END))::SMALLINT
               AS year
    FROM hh_flags
),
yearly AS (
    SELECT *, hash(hash(household_id, year, getvariable('seed'), 'y1')) AS hy1,
           hash(hash(household_id, year, getvariable('seed'), 'y2')) AS hy2
    FROM hy
),
candidates AS (
    -- one row per household-year and recurring measure; NULL where the measure is not given that year
    SELECT household_id, year, size, unnest(CASE WHEN year <= y1 THEN [
        CASE WHEN u16(hm1, 0) < CASE WHEN main_cause = 8 THEN 0.45 WHEN main_cause IN (1, 2) THEN 0.65 ELSE 0.85 END
              AND u16(hy1, 0) < 0.85 THEN 1 END,
        CASE WHEN u16(hm1, 1) < CASE WHEN main_cause IN (2, 8) THEN 0.15 WHEN main_cause = 1 THEN 0.4 ELSE 0.55 END
              AND u16(hy1, 1) < 0.8 THEN 2 END,
        CASE WHEN u16(hm1, 2) < CASE WHEN n_school_age > 0 OR main_cause = 3 THEN 0.9 ELSE 0.03 END
              AND u16(hy1, 2) < 0.95 THEN 5 END,
        CASE WHEN u16(hm1, 3) < CASE WHEN main_cause IN (1, 2) THEN 0.92 ELSE 0.12 END
              AND u16(hy1, 3) < 0.9 THEN 6 END,
        CASE WHEN has_net AND u16(hy2, 0) < 0.97 THEN 9 END,
        CASE WHEN u16(hm2, 1) < CASE WHEN is_poor_county THEN 0.12 ELSE 0.08 END AND u16(hy2, 1) < 0.8 THEN 10 END,
        CASE WHEN year >= 2017 AND has_job AND u16(hy2, 2) < 0.85 THEN 11 END
    ] ELSE [
        CASE WHEN has_net AND u16(hy2, 0) < 0.97 THEN 9 END,
        CASE WHEN year >= 2017 AND has_job AND u16(hy2, 2) < 0.85 THEN 11 END
    ] END)::UTINYINT AS measure_code
    FROM yearly
),
recurring AS (
    SELECT * FROM candidates WHERE measure_code IS NOT NULL
),
rangers AS (
    SELECT household_id, unnest(range(greatest(y0, 2016), 2021))::SMALLINT AS year, size, 4::UTINYINT AS measure_code
    FROM hh_full
    WHERE is_ranger
),
one_off AS (
    SELECT household_id, (2016 + floor(u16(h64(household_id, 'oneoff'), 0) * 4))::SMALLINT AS year, size,
           3::UTINYINT AS measure_code
    FROM hh_full
    WHERE housing_route = 'relocated'
    UNION ALL
    SELECT household_id, (y0 + floor(u16(h64(household_id, 'oneoff'), 1) * (y1 - y0 + 1)))::SMALLINT, size, 8
    FROM hh_full
    WHERE housing_route = 'renovated'
    UNION ALL
    SELECT household_id, (y0 + floor(u16(h64(household_id, 'oneoff'), 2) * (least(y1, 2016) - y0 + 1)))::SMALLINT,
           size, 7
    FROM hh_full
    WHERE has_credit_2016
    UNION ALL
    SELECT household_id,
           (greatest(y0, 2017) + floor(u16(h64(household_id, 'oneoff'), 2) * (y1 - greatest(y0, 2017) + 1)))::SMALLINT,
           size, 7
    FROM hh_full
    WHERE NOT has_credit_2016 AND removed_year IS NULL AND y1 >= 2017 AND u16(h64(household_id, 'oneoff'), 3) < 0.3
),
all_rows AS (
    SELECT * FROM recurring
    UNION ALL SELECT * FROM rangers
    UNION ALL SELECT * FROM one_off
)
SELECT
    household_id,
    measure_code,
    year,
    (CASE measure_code
        WHEN 1 THEN 800 + 4200 * u16(ha, 0)
        WHEN 2 THEN 300 + 1700 * u16(ha, 0)
        WHEN 3 THEN size * (20000 + 10000 * u16(ha, 0))
        WHEN 4 THEN 10000
        WHEN 5 THEN 1000 + 4000 * u16(ha, 0)
        WHEN 6 THEN 300 + 6000 * u16(ha, 0) * u16(ha, 1)
        WHEN 7 THEN 1000 * (20 + floor(31 * u16(ha, 0)))
        WHEN 8 THEN 15000 + 20000 * u16(ha, 0)
        WHEN 9 THEN size * (1800 + 1500 * u16(ha, 0))
        WHEN 10 THEN 300 + 1200 * u16(ha, 0)
        WHEN 11 THEN 3000 + 5000 * u16(ha, 0)
    END)::INTEGER AS amount_yuan
FROM (SELECT *, hash(hash(household_id, year, measure_code, getvariable('seed'))) AS ha FROM all_rows)
;
