-- Exit years from the fitted per-(batch, registration year) distributions; a small share return to poverty
-- after exiting and exit again by 2020 (their final exit may pass the county's batch year).
CREATE TEMP TABLE hh_status AS
WITH d AS (
    SELECT b.*, e.exit_cdf, h64(b.household_id, 'exit') AS he
    FROM hh_base AS b
    JOIN exit_cdf AS e USING (batch, registered_year)
),
first_exit AS (
    SELECT *, (2013 + pick7(exit_cdf, u16(he, 0)))::INTEGER AS fe
    FROM d
),
returns AS (
    SELECT *,
           removed_year IS NULL AND fe <= 2019 AND u16(he, 1) < $returned AS is_returned,
           fe + 1 + floor(u16(he, 2) * (2020 - fe))::INTEGER AS ry
    FROM first_exit
)
SELECT
    * EXCLUDE (exit_cdf, he, fe, is_returned, ry),
    CASE WHEN removed_year IS NOT NULL THEN NULL
         WHEN is_returned THEN ry + floor(u16(he, 3) * (2021 - ry))
         ELSE fe END::SMALLINT AS exit_year,
    CASE WHEN is_returned THEN fe END::SMALLINT AS first_exit_year,
    CASE WHEN is_returned THEN ry END::SMALLINT AS returned_year
FROM returns;

DROP TABLE hh_base;
