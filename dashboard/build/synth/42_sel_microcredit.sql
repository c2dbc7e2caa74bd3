-- 8.01 M households had a poverty-alleviation microcredit loan by end-2016 (A); lack of funds makes it likelier.
CREATE TEMP TABLE sel_microcredit AS
WITH candidates AS (
    SELECT household_id, 1 AS weight,
           u16(h64(household_id, 'credit'), 0) / CASE WHEN main_cause = 9 THEN 3.0 WHEN main_cause IN (1, 2, 8) THEN 0.6
                                                     ELSE 1.2 END AS score
    FROM hh_status
    WHERE removed_year IS NULL AND registered_year <= 2016
),
ranked AS (
    SELECT household_id, weight, sum(weight) OVER (ORDER BY score, household_id ROWS UNBOUNDED PRECEDING) AS cum
    FROM candidates
    WHERE score < $prefilter
)
SELECT household_id, weight FROM ranked WHERE cum <= $target;
