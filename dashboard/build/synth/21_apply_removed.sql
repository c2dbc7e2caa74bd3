ALTER TABLE hh_base ADD COLUMN removed_year SMALLINT;
UPDATE hh_base
SET removed_year = CASE WHEN u16(h64(hh_base.household_id, 'removed'), 1) < 0.5 THEN 2015 ELSE 2016 END
FROM sel_removed AS s
WHERE hh_base.household_id = s.household_id;
