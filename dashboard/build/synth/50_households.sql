-- Everything a household carries but its members' facts: flags from the exact selections, housing and water
-- (两不愁三保障), secondary causes, incomes. Members' school and insurance facts come from persons (step 65).
CREATE TEMP TABLE hh_full AS
WITH lines AS (
    SELECT max(line_yuan) FILTER (year = 2014) AS l2014, max(line_yuan) FILTER (year = 2015) AS l2015,
           max(line_yuan) FILTER (year = 2016) AS l2016, max(line_yuan) FILTER (year = 2017) AS l2017,
           max(line_yuan) FILTER (year = 2018) AS l2018, max(line_yuan) FILTER (year = 2019) AS l2019,
           max(line_yuan) FILTER (year = 2020) AS l2020
    FROM poverty_lines
),
flagged AS (
    SELECT s.*,
           r.household_id IS NOT NULL AS is_relocated,
           g.household_id IS NOT NULL AS is_ranger,
           m.household_id IS NOT NULL AS has_credit_2016,
           h64(s.household_id, 'needs') AS hn,
           h64(s.household_id, 'income') AS hi,
           CASE WHEN s.size = 1 OR u16(h64(s.household_id, 'life'), 0) < 0.6 THEN 0 ELSE 1 END AS ill_k,
           (1 + floor(u16(h64(s.household_id, 'second'), 0) * 12))::UTINYINT AS sc1,
           (1 + floor(u16(h64(s.household_id, 'second'), 1) * 12))::UTINYINT AS sc2,
           s.registered_year AS y0,
           CASE WHEN s.removed_year IS NOT NULL THEN s.removed_year - 1 ELSE s.exit_year END AS y1
    FROM hh_status AS s
    LEFT JOIN sel_relocated AS r USING (household_id)
    LEFT JOIN sel_rangers AS g USING (household_id)
    LEFT JOIN sel_microcredit AS m USING (household_id)
)
SELECT
    m.*,
    CASE WHEN is_relocated THEN 'relocated'
         WHEN u16(hn, 0) < CASE WHEN is_poor_county THEN 0.4913 ELSE 0.3733 END THEN 'renovated'
         ELSE 'safe' END AS housing_route,
    u16(hn, 1) < CASE WHEN is_poor_county THEN 0.9986 ELSE 0.999 END AS has_safe_water,
    u16(hn, 2) < CASE WHEN is_poor_county THEN 0.9367 ELSE 0.955 END AS has_piped_water,
    -- up to two secondary causes other than the main one (a list lambda is too slow here)
    CASE WHEN u16(hn, 3) >= 0.7 OR sc1 = main_cause THEN []
         WHEN u16(hn, 3) >= 0.35 OR sc2 = main_cause OR sc2 = sc1 THEN [sc1]
         ELSE [least(sc1, sc2), greatest(sc1, sc2)] END::UTINYINT[] AS secondary_causes,
    income_at(2014, l2014, registered_year, removed_year, exit_year, first_exit_year, returned_year, hi) AS income_2014,
    income_at(2015, l2015, registered_year, removed_year, exit_year, first_exit_year, returned_year, hi) AS income_2015,
    income_at(2016, l2016, registered_year, removed_year, exit_year, first_exit_year, returned_year, hi) AS income_2016,
    income_at(2017, l2017, registered_year, removed_year, exit_year, first_exit_year, returned_year, hi) AS income_2017,
    income_at(2018, l2018, registered_year, removed_year, exit_year, first_exit_year, returned_year, hi) AS income_2018,
    income_at(2019, l2019, registered_year, removed_year, exit_year, first_exit_year, returned_year, hi) AS income_2019,
    income_at(2020, l2020, registered_year, removed_year, exit_year, first_exit_year, returned_year, hi) AS income_2020
FROM flagged AS m
CROSS JOIN lines;

DROP TABLE hh_status;
