WITH hh AS (
    SELECT hy.* FROM raw_household_years AS hy
    WHERE hy.county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
),
h AS (
    SELECT year,
        count(*) FILTER (is_entered) AS n_households_entered,
        count(*) FILTER (is_removed) AS n_households_removed,
        count(*) FILTER (is_exited) AS n_households_exited,
        count(*) FILTER (is_returned) AS n_households_returned,
        count(*) FILTER (is_on_register) AS n_households_on_register,
        count(*) FILTER (is_poor) AS n_households_remaining,
        coalesce(sum(size) FILTER (is_entered), 0) AS n_people_entered,
        coalesce(sum(size) FILTER (is_removed), 0) AS n_people_removed,
        coalesce(sum(size) FILTER (is_exited), 0) AS n_people_exited,
        coalesce(sum(size) FILTER (is_returned), 0) AS n_people_returned,
        coalesce(sum(size) FILTER (is_on_register), 0) AS n_people_on_register,
        coalesce(sum(size) FILTER (is_poor), 0) AS n_people_remaining
    FROM hh GROUP BY year
),
y AS (SELECT range::SMALLINT AS year FROM range(2014, 2021)),
v AS (
    SELECT y.year,
        count(*) FILTER (vi.is_poor_village) AS n_poor_villages,
        count(*) FILTER (vi.is_poor_village AND vi.exit_year = y.year) AS n_poor_villages_exited,
        count(*) FILTER (vi.is_poor_village AND (vi.exit_year IS NULL OR vi.exit_year > y.year))
            AS n_poor_villages_remaining
    FROM y LEFT JOIN villages AS vi
        ON vi.county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
    GROUP BY y.year
),
c AS (
    SELECT y.year,
        count(r.adcode) AS n_poor_counties,
        count(r.adcode) FILTER (r.exit_batch_year <= y.year) AS n_poor_counties_exited
    FROM y LEFT JOIN regions AS r
        ON r.level = 'county' AND r.is_poor_county
        AND r.adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
    GROUP BY y.year
),
final AS (
    SELECT coalesce(sum(size), 0) AS n FROM households
    WHERE removed_year IS NULL AND county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
)
SELECT y.year, v.n_poor_villages, v.n_poor_villages_exited, v.n_poor_villages_remaining,
    coalesce(h.n_households_entered, 0) AS n_households_entered,
    coalesce(h.n_households_removed, 0) AS n_households_removed,
    coalesce(h.n_households_exited, 0) AS n_households_exited,
    coalesce(h.n_households_returned, 0) AS n_households_returned,
    coalesce(h.n_households_on_register, 0) AS n_households_on_register,
    coalesce(h.n_households_remaining, 0) AS n_households_remaining,
    coalesce(h.n_people_entered, 0) AS n_people_entered,
    coalesce(h.n_people_removed, 0) AS n_people_removed,
    coalesce(h.n_people_exited, 0) AS n_people_exited,
    coalesce(h.n_people_returned, 0) AS n_people_returned,
    coalesce(h.n_people_on_register, 0) AS n_people_on_register,
    coalesce(h.n_people_remaining, 0) AS n_people_remaining,
    c.n_poor_counties, c.n_poor_counties_exited,
    (coalesce(h.n_people_on_register, 0) - coalesce(h.n_people_remaining, 0)) / nullif(final.n, 0)
        AS share_people_exited
FROM y JOIN v USING (year) JOIN c USING (year) LEFT JOIN h USING (year), final
WHERE EXISTS (SELECT 1 FROM regions WHERE adcode = $adcode)
ORDER BY y.year;
