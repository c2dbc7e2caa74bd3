-- 8.01 M households had a poverty-alleviation microcredit loan by end-2016 (A); lack of funds makes it likelier.
-- Candidates with a weight (people or 1) and a hashed score; synth._select_exact keeps the lowest scores
-- up to the target.
CREATE OR REPLACE TEMP VIEW candidates AS
SELECT household_id, 1 AS weight,
       u16(h64(household_id, 'credit'), 0) / CASE WHEN main_cause = 9 THEN 3.0 WHEN main_cause IN (1, 2, 8) THEN 0.6
                                                 ELSE 1.2 END AS score
FROM hh_status
WHERE removed_year IS NULL AND registered_year <= 2016;
