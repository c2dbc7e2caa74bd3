WITH hh AS (
    SELECT * FROM households
    WHERE removed_year IS NULL AND county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
),
t AS (
    SELECT 1 AS o, 'housing_safe' AS indicator, count(*) FILTER (housing_route = 'safe') AS n, count(*) AS b FROM hh
    UNION ALL SELECT 2, 'housing_renovated', count(*) FILTER (housing_route = 'renovated'), count(*) FROM hh
    UNION ALL SELECT 3, 'housing_relocated', count(*) FILTER (housing_route = 'relocated'), count(*) FROM hh
    UNION ALL SELECT 4, 'safe_water', count(*) FILTER (has_safe_water), count(*) FROM hh
    UNION ALL SELECT 5, 'piped_water', count(*) FILTER (has_piped_water), count(*) FROM hh
    UNION ALL SELECT 6, 'all_insured', count(*) FILTER (is_all_insured), count(*) FROM hh
    UNION ALL SELECT 7, 'school_age_in_school', coalesce(sum(n_school_age) - sum(n_out_of_school), 0),
        coalesce(sum(n_school_age), 0) FROM hh
)
SELECT indicator, n AS n_households, b AS n_base, n / nullif(b, 0) AS share FROM t ORDER BY o;
