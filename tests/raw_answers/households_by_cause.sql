WITH hh AS (
    SELECT main_cause, count(*) AS n_households, sum(size) AS n_people
    FROM raw_household_years
    WHERE year = $year AND is_on_register
      AND county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
    GROUP BY main_cause
)
SELECT c.cause_code, c.name_zh, c.name_en,
    coalesce(hh.n_households, 0) AS n_households, coalesce(hh.n_people, 0) AS n_people,
    coalesce(hh.n_households, 0) / nullif((SELECT sum(n_households) FROM hh), 0) AS share_households,
    coalesce(hh.n_people, 0) / nullif((SELECT sum(n_people) FROM hh), 0) AS share_people
FROM causes AS c LEFT JOIN hh ON hh.main_cause = c.cause_code
ORDER BY c.cause_code;
