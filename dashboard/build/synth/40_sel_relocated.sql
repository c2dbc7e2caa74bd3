-- 9.6 M registered poor people relocated (A); relocation concentrates in poor and deep-poverty counties
-- (census: 14.0 % of households in poor counties vs 7.0 % elsewhere).
-- Candidates with a weight (people or 1) and a hashed score; synth._select_exact keeps the lowest scores
-- up to the target.
CREATE OR REPLACE TEMP VIEW candidates AS
SELECT household_id, size AS weight,
       u16(h64(household_id, 'relocate'), 0)
           / CASE WHEN is_deep THEN 3.0 WHEN is_poor_county THEN 2.2 ELSE 1.0 END AS score
FROM hh_status
WHERE removed_year IS NULL;
