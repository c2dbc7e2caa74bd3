-- Rank selection shared by the 2x/4x steps: the candidates with the lowest scores whose running total of
-- weight stays within $target. $cutoff (from a histogram of the scores) keeps the single-threaded window small.
CREATE OR REPLACE TEMP TABLE selected AS
WITH ranked AS (
    SELECT household_id, weight,
           sum(weight) OVER (ORDER BY score, household_id ROWS UNBOUNDED PRECEDING) AS cum
    FROM candidates
    WHERE score < $cutoff
)
SELECT household_id, weight FROM ranked WHERE cum <= $target;
