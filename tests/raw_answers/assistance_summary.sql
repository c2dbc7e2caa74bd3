WITH counties AS (SELECT descendant FROM raw_subtree WHERE adcode = $adcode),
helped AS (
    SELECT household_id, helper_id FROM raw_household_years
    WHERE year = $year AND is_helped AND county_adcode IN (SELECT descendant FROM counties)
),
with_any AS (
    SELECT count(*) AS n FROM helped
    WHERE household_id IN (SELECT household_id FROM assistance WHERE year = $year)
),
rangers AS (
    SELECT count(*) AS n FROM helped
    WHERE household_id IN (
        SELECT household_id FROM assistance
        WHERE year = $year AND measure_code IN
            (SELECT measure_code FROM measures WHERE measure_key = 'eco_ranger'))
),
first_relocation AS (
    SELECT household_id, min(year) AS year FROM assistance
    WHERE measure_code IN (SELECT measure_code FROM measures WHERE measure_key = 'relocation')
    GROUP BY household_id
),
relocated AS (
    SELECT coalesce(sum(h.size), 0) AS n
    FROM first_relocation AS f JOIN households AS h ON h.household_id = f.household_id
    WHERE h.housing_route = 'relocated' AND f.year <= $year
      AND h.registered_year <= f.year AND (h.removed_year IS NULL OR h.removed_year > f.year)
      AND h.county_adcode IN (SELECT descendant FROM counties)
)
SELECT
    (SELECT count(*) FROM helped) AS n_households,
    (SELECT n FROM with_any) AS n_with_any_measure,
    (SELECT n FROM with_any) / nullif((SELECT count(*) FROM helped), 0) AS share_with_any_measure,
    (SELECT count(*) FROM helped) - (SELECT n FROM with_any) AS n_without_measure,
    (SELECT count(helper_id) FROM helped) AS n_with_helper,
    (SELECT count(helper_id) FROM helped) / nullif((SELECT count(*) FROM helped), 0) AS share_with_helper,
    (SELECT count(*) FROM helpers WHERE county_adcode IN (SELECT descendant FROM counties)) AS n_helpers,
    (SELECT n FROM relocated) AS n_people_relocated,
    (SELECT n FROM rangers) AS n_eco_rangers;
