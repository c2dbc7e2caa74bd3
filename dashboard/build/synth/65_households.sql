-- Members' school and insurance facts, from persons: only the few members that matter (aged 6–15 in 2020, or
-- uninsured) are aggregated, so no 90 M-row group-by or join is needed.
CREATE TEMP TABLE hh_members AS
SELECT household_id,
       count(*) FILTER (birth_year BETWEEN 2005 AND 2014)::UTINYINT AS n_school_age,
       count(*) FILTER (birth_year BETWEEN 2005 AND 2014 AND NOT is_in_school)::UTINYINT AS n_out_of_school,
       bool_and(is_medically_insured) AS is_all_insured
FROM persons
WHERE birth_year BETWEEN 2005 AND 2014 OR NOT is_medically_insured
GROUP BY household_id;

INSERT INTO households
SELECT h.household_id, village_id, county_adcode, size, main_cause, secondary_causes, registered_year, removed_year,
       exit_year, first_exit_year, returned_year, income_2014, income_2015, income_2016, income_2017, income_2018,
       income_2019, income_2020, helper_id, housing_route, has_safe_water, has_piped_water,
       coalesce(m.is_all_insured, true), coalesce(m.n_school_age, 0), coalesce(m.n_out_of_school, 0)
FROM hh_full AS h
LEFT JOIN hh_members AS m USING (household_id);
