-- The 2015–16 re-check removed 9.29 M wrongly registered people (A): the lowest hashed scores up to the target.
CREATE TEMP TABLE sel_removed AS
WITH candidates AS (
    SELECT household_id, size AS weight, u16(h64(household_id, 'removed'), 0) AS score
    FROM hh_base
    WHERE registered_year = 2014
),
ranked AS (
    SELECT household_id, weight,
           sum(weight) OVER (ORDER BY score, household_id ROWS UNBOUNDED PRECEDING) AS cum
    FROM candidates
    WHERE score < $prefilter
)
SELECT household_id, weight FROM ranked WHERE cum <= $target;
