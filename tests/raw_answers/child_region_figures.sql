WITH children AS (
    SELECT adcode, level, name_zh, name_en, is_poor_county, exit_batch_year, is_guapai_2020, n_children
    FROM regions WHERE parent_adcode = $adcode
),
hy AS (
    SELECT s.adcode AS child, hy.*
    FROM raw_household_years AS hy
    JOIN raw_subtree AS s ON s.descendant = hy.county_adcode
    WHERE s.adcode IN (SELECT adcode FROM children) AND hy.year IN ($year, 2020)
),
h AS (
    SELECT child,
        count(*) FILTER (year = $year AND is_on_register) AS n_households_on_register,
        count(*) FILTER (year = $year AND is_poor) AS n_households_remaining,
        coalesce(sum(size) FILTER (year = $year AND is_on_register), 0) AS n_people_on_register,
        coalesce(sum(size) FILTER (year = $year AND is_poor), 0) AS n_people_remaining,
        coalesce(sum(size) FILTER (year = 2020 AND removed_year IS NULL), 0) AS n_final,
        count(*) FILTER (year = $year AND is_helped) AS n_helped,
        count(*) FILTER (year = $year AND is_helped AND helper_id IS NOT NULL) AS n_helper,
        count(*) FILTER (year = $year AND is_helped AND household_id IN
            (SELECT household_id FROM assistance WHERE year = $year)) AS n_any
    FROM hy GROUP BY child
),
v AS (
    SELECT s.adcode AS child, count(*) FILTER (vi.is_poor_village) AS n_poor_villages,
        count(*) FILTER (vi.is_poor_village AND (vi.exit_year IS NULL OR vi.exit_year > $year))
            AS n_poor_villages_remaining
    FROM villages AS vi JOIN raw_subtree AS s ON s.descendant = vi.county_adcode
    GROUP BY s.adcode
),
pc AS (
    SELECT s.adcode AS child, count(*) AS n_poor_counties,
        count(*) FILTER (r.exit_batch_year <= $year) AS n_poor_counties_exited
    FROM regions AS r JOIN raw_subtree AS s ON s.descendant = r.adcode
    WHERE r.level = 'county' AND r.is_poor_county
    GROUP BY s.adcode
)
SELECT c.adcode, c.level, c.name_zh, c.name_en, c.is_poor_county, c.exit_batch_year, c.is_guapai_2020, c.n_children,
    coalesce(v.n_poor_villages, 0) AS n_poor_villages,
    coalesce(v.n_poor_villages_remaining, 0) AS n_poor_villages_remaining,
    coalesce(h.n_households_on_register, 0) AS n_households_on_register,
    coalesce(h.n_households_remaining, 0) AS n_households_remaining,
    coalesce(h.n_people_on_register, 0) AS n_people_on_register,
    coalesce(h.n_people_remaining, 0) AS n_people_remaining,
    coalesce(h.n_people_on_register - h.n_people_remaining, 0) AS n_people_exited,
    (h.n_people_on_register - h.n_people_remaining) / nullif(h.n_final, 0) AS share_people_exited,
    coalesce(pc.n_poor_counties, 0) AS n_poor_counties,
    coalesce(pc.n_poor_counties_exited, 0) AS n_poor_counties_exited,
    h.n_helper / nullif(h.n_helped, 0) AS share_with_helper,
    h.n_any / nullif(h.n_helped, 0) AS share_with_any_measure
FROM children AS c
LEFT JOIN h ON h.child = c.adcode
LEFT JOIN v ON v.child = c.adcode
LEFT JOIN pc ON pc.child = c.adcode
ORDER BY c.adcode;
