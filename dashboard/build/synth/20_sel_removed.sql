-- The 2015–16 re-check removed 9.29 M wrongly registered people (A): the lowest hashed scores up to the target.
-- Candidates with a weight (people or 1) and a hashed score; synth._select_exact keeps the lowest scores
-- up to the target.
CREATE OR REPLACE TEMP VIEW candidates AS
SELECT household_id, size AS weight, u16(h64(household_id, 'removed'), 0) AS score
FROM hh_base
WHERE registered_year = 2014;
