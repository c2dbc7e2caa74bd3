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
