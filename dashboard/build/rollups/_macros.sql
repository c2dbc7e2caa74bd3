-- Register-status predicates shared by the rollup files (temporary: they live only in the build connection).
-- The definitions are the registry's semantics, stated once:
--   on the register at end of y : registered_year <= y and not removed by y
--   poor at end of y            : on the register, not (finally) exited by y, and not in a first exit that has not
--                                 yet been followed by the return to poverty
--   helped in y                 : on the register at end of y and poor at some time during y, i.e. poor at end of
--                                 y - 1, poor at end of y, or exiting in y (a first or a final exit)
-- Removed households have exit_year NULL: they count as poor until removed (they were registered as poor).
CREATE OR REPLACE TEMP MACRO is_on_register(registered_year, removed_year, y) AS
    registered_year <= y AND coalesce(removed_year > y, true);

CREATE OR REPLACE TEMP MACRO is_poor(registered_year, removed_year, exit_year, first_exit_year, returned_year, y) AS
    is_on_register(registered_year, removed_year, y)
    AND coalesce(exit_year > y, true)
    AND NOT coalesce(first_exit_year <= y AND returned_year > y, false);

CREATE OR REPLACE TEMP MACRO is_helped(registered_year, removed_year, exit_year, first_exit_year, returned_year, y) AS
    is_on_register(registered_year, removed_year, y)
    AND (is_poor(registered_year, removed_year, exit_year, first_exit_year, returned_year, y - 1)
         OR is_poor(registered_year, removed_year, exit_year, first_exit_year, returned_year, y)
         OR coalesce(exit_year = y, false)
         OR coalesce(first_exit_year = y, false));

-- The years 2014–2020 in which a household is helped, as a 7-bit mask (bit 0 = 2014), by interval arithmetic
-- instead of seven is_helped() calls: a household is helped from registration through its first exit (or final
-- exit, or the year before removal) and again from its return through its final exit. Equal to is_helped()
-- year by year for every consistent register history (tests/test_rollups.py enumerates them); used where one
-- value per household is needed at scale.
CREATE OR REPLACE TEMP MACRO year_bits(lo, hi) AS
    CASE WHEN greatest(lo, 2014) <= least(hi, 2020)
         THEN ((1 << (least(hi, 2020) - greatest(lo, 2014) + 1)) - 1) << (greatest(lo, 2014) - 2014)
         ELSE 0 END;

CREATE OR REPLACE TEMP MACRO helped_years(registered_year, removed_year, exit_year, first_exit_year, returned_year) AS
    (year_bits(registered_year,
               CASE WHEN first_exit_year IS NOT NULL AND returned_year IS NOT NULL THEN first_exit_year
                    ELSE coalesce(exit_year, removed_year - 1, 2020) END)
     | CASE WHEN first_exit_year IS NOT NULL AND returned_year IS NOT NULL
            THEN year_bits(returned_year, coalesce(exit_year, 2020)) ELSE 0 END)
    & year_bits(2014, coalesce(removed_year - 1, 2020));
