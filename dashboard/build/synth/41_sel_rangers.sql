-- 1.102 M ecological forest rangers recruited from the registered poor, 2016–2020 (A): one per household,
-- mostly in poor counties of the centre and west.
-- Candidates with a weight (people or 1) and a hashed score; synth._select_exact keeps the lowest scores
-- up to the target.
CREATE OR REPLACE TEMP VIEW candidates AS
SELECT household_id, 1 AS weight,
       u16(h64(household_id, 'ranger'), 0)
           / (CASE WHEN is_poor_county THEN 4.0 ELSE 1.0 END * CASE WHEN region_ecw = 'east' THEN 0.3 ELSE 1.0 END
              * CASE WHEN is_deep THEN 1.5 ELSE 1.0 END) AS score
FROM hh_status
WHERE removed_year IS NULL AND exit_year >= 2016;
