-- title: Villages of a county
-- description: The villages of the county $adcode (villages with registered households, poor villages among them)
--   with their register figures at the end of $year. Zero rows when $adcode is not a county. From villages and
--   rollup_village_year.
-- params:
--   adcode (integer): the county
--   year (integer): 2014–2020
-- columns:
--   village_id: village id
--   name_zh: village name
--   is_poor_village: registered poor village (贫困村)
--   exit_year: year the poor village exited (出列); NULL otherwise
--   is_exited: poor village exited by the end of $year
--   has_work_team: has a resident work team (驻村工作队)
--   has_first_secretary: has a first secretary (第一书记)
--   n_households_on_register: households on the register at the end of $year
--   n_people_on_register: people on the register at the end of $year
--   n_people_remaining: people poor at the end of $year
--   share_people_exited: (on register − remaining) ÷ people ever registered and never removed in the village
--     (0–1; NULL when none)
WITH county_villages AS (
    SELECT village_id, name_zh, is_poor_village, exit_year, has_work_team, has_first_secretary
    FROM villages
    WHERE county_adcode = $adcode
),
stocks AS (
    SELECT
        vy.village_id,
        max(vy.n_households_on_register) FILTER (vy.year = $year) AS n_households_on_register,
        max(vy.n_people_on_register) FILTER (vy.year = $year) AS n_people_on_register,
        max(vy.n_people_remaining) FILTER (vy.year = $year) AS n_people_remaining,
        max(vy.n_people_on_register) FILTER (vy.year = 2020) AS n_people_final
    FROM rollup_village_year AS vy
    WHERE vy.county_adcode = $adcode AND vy.year IN ($year, 2020)
    GROUP BY vy.village_id
)
SELECT
    v.village_id,
    v.name_zh,
    v.is_poor_village,
    v.exit_year,
    coalesce(v.is_poor_village AND v.exit_year <= $year, false) AS is_exited,
    v.has_work_team,
    v.has_first_secretary,
    coalesce(s.n_households_on_register, 0)::BIGINT AS n_households_on_register,
    coalesce(s.n_people_on_register, 0)::BIGINT AS n_people_on_register,
    coalesce(s.n_people_remaining, 0)::BIGINT AS n_people_remaining,
    (s.n_people_on_register - s.n_people_remaining) / nullif(s.n_people_final, 0) AS share_people_exited
FROM county_villages AS v
LEFT JOIN stocks AS s ON s.village_id = v.village_id
ORDER BY v.village_id;
