WITH hh AS (
    SELECT * FROM raw_household_years
    WHERE county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
),
y AS (SELECT range::SMALLINT AS year FROM range(2014, 2021))
SELECT y.year,
    (SELECT coalesce(sum(size), 0) FROM hh WHERE hh.year = y.year - 1 AND hh.is_poor) AS n_people_remaining_start,
    (SELECT coalesce(sum(size), 0) FROM hh WHERE hh.year = y.year AND hh.is_entered) AS n_people_entered,
    (SELECT coalesce(sum(size), 0) FROM hh WHERE hh.year = y.year AND hh.is_removed) AS n_people_removed,
    (SELECT coalesce(sum(size), 0) FROM hh WHERE hh.year = y.year AND hh.is_exited) AS n_people_exited,
    (SELECT coalesce(sum(size), 0) FROM hh WHERE hh.year = y.year AND hh.is_returned) AS n_people_returned,
    (SELECT coalesce(sum(size), 0) FROM hh WHERE hh.year = y.year AND hh.is_poor) AS n_people_remaining,
    (SELECT count(*) FROM hh WHERE hh.year = y.year - 1 AND hh.is_poor) AS n_households_remaining_start,
    (SELECT count(*) FROM hh WHERE hh.year = y.year AND hh.is_entered) AS n_households_entered,
    (SELECT count(*) FROM hh WHERE hh.year = y.year AND hh.is_removed) AS n_households_removed,
    (SELECT count(*) FROM hh WHERE hh.year = y.year AND hh.is_exited) AS n_households_exited,
    (SELECT count(*) FROM hh WHERE hh.year = y.year AND hh.is_returned) AS n_households_returned,
    (SELECT count(*) FROM hh WHERE hh.year = y.year AND hh.is_poor) AS n_households_remaining
FROM y
WHERE EXISTS (SELECT 1 FROM regions WHERE adcode = $adcode)
ORDER BY y.year;
