-- rollup_basic_needs_county: 两不愁三保障 indicators per county for households ever registered and not removed.
-- Long form (indicator, n_households = numerator, n_base = denominator). Housing: the three routes to safe housing
-- (already safe, renovated, relocated) split the households; school: numerator and base are children aged 6–15.
CREATE OR REPLACE TABLE rollup_basic_needs_county AS
WITH sums AS (
    SELECT
        county_adcode,
        count(*) AS n_households,
        count(*) FILTER (housing_route = 'safe') AS housing_safe,
        count(*) FILTER (housing_route = 'renovated') AS housing_renovated,
        count(*) FILTER (housing_route = 'relocated') AS housing_relocated,
        count(*) FILTER (has_safe_water) AS safe_water,
        count(*) FILTER (has_piped_water) AS piped_water,
        count(*) FILTER (is_all_insured) AS all_insured,
        sum(n_school_age)::BIGINT AS n_school_age,
        sum(n_school_age - n_out_of_school)::BIGINT AS school_age_in_school
    FROM households
    WHERE removed_year IS NULL
    GROUP BY county_adcode
)
SELECT county_adcode, indicator, sort_order, n_households, n_base
FROM (
    SELECT county_adcode, 'housing_safe' AS indicator, 1 AS sort_order, housing_safe AS n_households,
           n_households AS n_base FROM sums
    UNION ALL SELECT county_adcode, 'housing_renovated', 2, housing_renovated, n_households FROM sums
    UNION ALL SELECT county_adcode, 'housing_relocated', 3, housing_relocated, n_households FROM sums
    UNION ALL SELECT county_adcode, 'safe_water', 4, safe_water, n_households FROM sums
    UNION ALL SELECT county_adcode, 'piped_water', 5, piped_water, n_households FROM sums
    UNION ALL SELECT county_adcode, 'all_insured', 6, all_insured, n_households FROM sums
    UNION ALL SELECT county_adcode, 'school_age_in_school', 7, school_age_in_school, n_school_age FROM sums
)
ORDER BY county_adcode, sort_order;
