-- Draws and person attributes shared by the household and person steps.
-- Every random number is a 16-bit slice of hash(hash(id, seed, salt)): deterministic whatever the thread count
-- (the outer hash matters: hash(a, b, c) combines its arguments so weakly that two salts of one id give
-- correlated slices; hash() is pinned by the duckdb version in requirements.lock; a test guards a known value).
CREATE OR REPLACE TEMP MACRO h64(id, salt) AS hash(hash(id, getvariable('seed'), salt));
-- (UBIGINT operands throughout: a plain INTEGER shift count promotes the hash to HUGEINT, 3x slower)
CREATE OR REPLACE TEMP MACRO u16(h, k) AS (((h >> (16 * k)::UBIGINT) & 65535::UBIGINT)::DOUBLE + 0.5) / 65536.0;
-- 1-based index of the interval of cumulative probabilities `cdf` (N elements, last 1.0) that contains u.
-- A CASE chain: a list lambda here would run ~10x slower at 90 M rows.
CREATE OR REPLACE TEMP MACRO pick4(cdf, u) AS CASE WHEN u < cdf[1] THEN 1 WHEN u < cdf[2] THEN 2 WHEN u < cdf[3] THEN 3 ELSE 4 END;
CREATE OR REPLACE TEMP MACRO pick5(cdf, u) AS CASE WHEN u < cdf[1] THEN 1 WHEN u < cdf[2] THEN 2 WHEN u < cdf[3] THEN 3 WHEN u < cdf[4] THEN 4 ELSE 5 END;
CREATE OR REPLACE TEMP MACRO pick7(cdf, u) AS CASE WHEN u < cdf[1] THEN 1 WHEN u < cdf[2] THEN 2 WHEN u < cdf[3] THEN 3 WHEN u < cdf[4] THEN 4 WHEN u < cdf[5] THEN 5 WHEN u < cdf[6] THEN 6 ELSE 7 END;
CREATE OR REPLACE TEMP MACRO pick8(cdf, u) AS CASE WHEN u < cdf[1] THEN 1 WHEN u < cdf[2] THEN 2 WHEN u < cdf[3] THEN 3 WHEN u < cdf[4] THEN 4 WHEN u < cdf[5] THEN 5 WHEN u < cdf[6] THEN 6 WHEN u < cdf[7] THEN 7 ELSE 8 END;
CREATE OR REPLACE TEMP MACRO pick12(cdf, u) AS CASE WHEN u < cdf[1] THEN 1 WHEN u < cdf[2] THEN 2 WHEN u < cdf[3] THEN 3 WHEN u < cdf[4] THEN 4 WHEN u < cdf[5] THEN 5 WHEN u < cdf[6] THEN 6 WHEN u < cdf[7] THEN 7 WHEN u < cdf[8] THEN 8 WHEN u < cdf[9] THEN 9 WHEN u < cdf[10] THEN 10 WHEN u < cdf[11] THEN 11 ELSE 12 END;

-- Members are numbered k = 0 … size-1; person_id = household_id * 16 + k.
CREATE OR REPLACE TEMP MACRO p_hash(pid) AS hash(hash(pid, getvariable('seed'), 'person'));
CREATE OR REPLACE TEMP MACRO p_hash2(pid) AS hash(hash(pid, getvariable('seed'), 'person2'));
CREATE OR REPLACE TEMP MACRO p_relation(k, hp, head_age) AS CASE
    WHEN k = 0 THEN 'head'
    WHEN k = 1 AND u16(hp, 0) < 0.82 THEN 'spouse'
    WHEN u16(hp, 0) < 0.80 THEN 'child'
    WHEN u16(hp, 0) < 0.90 AND head_age < 62 THEN 'parent'
    WHEN head_age >= 48 THEN 'grandchild'
    ELSE 'child' END;
-- Age at the 2014 registration.
CREATE OR REPLACE TEMP MACRO p_age(rel, hp, head_age) AS (CASE rel
    WHEN 'head' THEN head_age
    WHEN 'spouse' THEN greatest(18, head_age - 4 + floor(u16(hp, 1) * 9))
    WHEN 'child' THEN greatest(0, head_age - 20 - floor(u16(hp, 1) * 22))
    WHEN 'parent' THEN least(98, head_age + 21 + floor(u16(hp, 1) * 12))
    ELSE greatest(0, head_age - 44 - floor(u16(hp, 1) * 18)) END)::INTEGER;
-- School attendance as recorded in 2020 (age2020 = age + 6); census: 98.83 % of 6–15-year-olds in poor counties.
CREATE OR REPLACE TEMP MACRO p_in_school(age2020, hp, poor_county) AS CASE
    WHEN age2020 BETWEEN 6 AND 15 THEN u16(hp, 2) < CASE WHEN poor_county THEN 0.9883 ELSE 0.993 END
    WHEN age2020 BETWEEN 16 AND 18 THEN u16(hp, 2) < 0.6
    WHEN age2020 BETWEEN 19 AND 22 THEN u16(hp, 2) < 0.2
    ELSE false END;
-- Illness households have an ill head or spouse (member ill_k); disability households a disabled one.
CREATE OR REPLACE TEMP MACRO p_health(k, ill_k, cause, age, hp) AS CASE
    WHEN cause = 1 AND k = ill_k THEN CASE WHEN u16(hp, 3) < 0.45 THEN 'serious' ELSE 'chronic' END
    WHEN cause = 2 AND k = ill_k THEN 'disabled'
    -- background rates tuned at scale 1 to ≈ 7 M disabled (A) and 7.34 M seriously or chronically ill (A)
    WHEN u16(hp, 3) < CASE WHEN age >= 60 THEN 0.132 ELSE 0.0507 END THEN 'disabled'
    WHEN u16(hp, 3) < CASE WHEN age >= 60 THEN 0.168 ELSE 0.0612 END THEN 'chronic'
    WHEN u16(hp, 3) < CASE WHEN age >= 60 THEN 0.178 ELSE 0.0642 END THEN 'serious'
    ELSE 'healthy' END;
CREATE OR REPLACE TEMP MACRO p_labour(age2020, health, in_school, hq) AS CASE
    WHEN age2020 < 16 THEN 'minor'
    WHEN in_school THEN 'none'
    WHEN health IN ('disabled', 'serious') THEN CASE WHEN u16(hq, 0) < 0.7 THEN 'none' ELSE 'partial' END
    WHEN health = 'chronic' THEN CASE WHEN u16(hq, 0) < 0.5 THEN 'partial' ELSE 'full' END
    WHEN age2020 >= 65 THEN CASE WHEN u16(hq, 0) < 0.7 THEN 'none' ELSE 'partial' END
    WHEN age2020 >= 60 THEN 'partial'
    ELSE CASE WHEN u16(hq, 0) < 0.9 THEN 'full' ELSE 'partial' END END;
-- u: a uniform draw, lowered a little in the west (more illiteracy). Nested CASEs: list literals per row are slow.
CREATE OR REPLACE TEMP MACRO p_education(age2020, in_school, u) AS CASE
    WHEN age2020 < 6 THEN 'preschool'
    WHEN in_school THEN CASE WHEN age2020 <= 11 THEN 'primary' WHEN age2020 <= 14 THEN 'junior'
                             WHEN age2020 <= 18 THEN 'senior' ELSE 'college' END
    WHEN age2020 >= 60 THEN CASE WHEN u < 0.45 THEN 'illiterate' WHEN u < 0.85 THEN 'primary'
                                 WHEN u < 0.98 THEN 'junior' ELSE 'senior' END
    WHEN age2020 >= 40 THEN CASE WHEN u < 0.15 THEN 'illiterate' WHEN u < 0.60 THEN 'primary'
                                 WHEN u < 0.93 THEN 'junior' WHEN u < 0.99 THEN 'senior' ELSE 'college' END
    ELSE CASE WHEN u < 0.04 THEN 'illiterate' WHEN u < 0.26 THEN 'primary' WHEN u < 0.78 THEN 'junior'
              WHEN u < 0.93 THEN 'senior' ELSE 'college' END END;
CREATE OR REPLACE TEMP MACRO p_migrant(age2020, labour, hq) AS CASE
    WHEN labour = 'full' AND age2020 BETWEEN 16 AND 55 THEN u16(hq, 2) < 0.76
    WHEN labour = 'partial' AND age2020 BETWEEN 16 AND 55 THEN u16(hq, 2) < 0.30
    ELSE false END;
CREATE OR REPLACE TEMP MACRO p_insured(hq) AS u16(hq, 3) < 0.9993;

-- Per-capita net income in year y: below the line while poor, above it from the exit year on.
CREATE OR REPLACE TEMP MACRO income_at(y, line, reg, rem, ex, fex, ret, hi) AS (CASE
    WHEN y < reg THEN NULL
    WHEN rem IS NOT NULL AND y >= rem THEN NULL
    WHEN rem IS NOT NULL THEN round(line * (1.05 + 0.6 * u16(hi, 0)))   -- wrongly registered: above the line
    WHEN ex > y AND NOT coalesce(fex <= y AND ret > y, false)
        THEN round(line * (0.35 + 0.45 * u16(hi, 1) + 0.15 * (y - reg) / greatest(ex - reg, 1)))
    ELSE round(line * (1.12 + 0.5 * u16(hi, 2)) * pow(1.12, y - CASE WHEN y >= ex THEN ex ELSE fex END))
    END)::INTEGER;
