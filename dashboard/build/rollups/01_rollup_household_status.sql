-- rollup_household_status: households collapsed to their register history ("status signature") per county and
-- main cause. The 29 M-row households table is scanned once here; every year-by-year household figure below is
-- computed from these ~10^5–10^6 groups by crossing them with the seven years.
CREATE OR REPLACE TABLE rollup_household_status AS
SELECT
    county_adcode,
    main_cause,
    registered_year,
    removed_year,
    exit_year,
    first_exit_year,
    returned_year,
    count(*) AS n_households,
    sum(size)::BIGINT AS n_people,
    count(helper_id) AS n_with_helper
FROM households
GROUP BY ALL
ORDER BY ALL;
