-- Temporary views for the raw answers: the registry's semantics written out a second time, straight from the
-- base tables (no rollups, no build macros), so that a slip in either encoding shows up as a difference.
CREATE OR REPLACE TEMP VIEW raw_subtree AS
WITH RECURSIVE down(adcode, descendant) AS (
    SELECT adcode, adcode FROM regions
    UNION ALL
    SELECT down.adcode, r.adcode FROM down JOIN regions AS r ON r.parent_adcode = down.descendant
)
SELECT adcode, descendant FROM down;

CREATE OR REPLACE TEMP VIEW raw_household_years AS
WITH hy AS (
    SELECT h.*, y.range::SMALLINT AS year
    FROM households AS h CROSS JOIN range(2014, 2021) AS y
),
flags AS (
    SELECT *,
        registered_year <= year AND (removed_year IS NULL OR removed_year > year) AS is_on_register,
        registered_year <= year AND (removed_year IS NULL OR removed_year > year)
            AND (exit_year IS NULL OR exit_year > year)
            AND NOT (first_exit_year IS NOT NULL AND first_exit_year <= year AND returned_year > year) AS is_poor,
        registered_year <= year - 1 AND (removed_year IS NULL OR removed_year > year - 1)
            AND (exit_year IS NULL OR exit_year > year - 1)
            AND NOT (first_exit_year IS NOT NULL AND first_exit_year <= year - 1 AND returned_year > year - 1)
            AS was_poor,
        registered_year = year AS is_entered,
        removed_year IS NOT NULL AND removed_year = year AS is_removed,
        (exit_year IS NOT NULL AND exit_year = year) OR (first_exit_year IS NOT NULL AND first_exit_year = year)
            AS is_exited,
        returned_year IS NOT NULL AND returned_year = year AS is_returned
    FROM hy
)
SELECT *,
    is_on_register AND (was_poor OR is_poor OR is_exited) AS is_helped
FROM flags;
