WITH hv AS (
    SELECT village_id,
        count(*) FILTER (year = $year AND is_on_register) AS n_households_on_register,
        coalesce(sum(size) FILTER (year = $year AND is_on_register), 0) AS n_people_on_register,
        coalesce(sum(size) FILTER (year = $year AND is_poor), 0) AS n_people_remaining,
        sum(size) FILTER (year = 2020 AND removed_year IS NULL) AS n_final
    FROM raw_household_years WHERE county_adcode = $adcode
    GROUP BY village_id
)
SELECT v.village_id, v.name_zh, v.is_poor_village, v.exit_year,
    coalesce(v.is_poor_village AND v.exit_year <= $year, false) AS is_exited,
    v.has_work_team, v.has_first_secretary,
    coalesce(hv.n_households_on_register, 0) AS n_households_on_register,
    coalesce(hv.n_people_on_register, 0) AS n_people_on_register,
    coalesce(hv.n_people_remaining, 0) AS n_people_remaining,
    (hv.n_people_on_register - hv.n_people_remaining) / nullif(hv.n_final, 0) AS share_people_exited
FROM villages AS v LEFT JOIN hv ON hv.village_id = v.village_id
WHERE v.county_adcode = $adcode
ORDER BY v.village_id;
