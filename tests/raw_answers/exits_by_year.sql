WITH counties AS (SELECT descendant FROM raw_subtree WHERE adcode = $adcode),
y AS (SELECT range::SMALLINT AS year FROM range(2014, 2021))
SELECT y.year,
    (SELECT count(*) FROM raw_household_years AS h
     WHERE h.year = y.year AND h.is_exited AND h.county_adcode IN (SELECT descendant FROM counties))
        AS n_households_exited,
    (SELECT coalesce(sum(size), 0) FROM raw_household_years AS h
     WHERE h.year = y.year AND h.is_exited AND h.county_adcode IN (SELECT descendant FROM counties))
        AS n_people_exited,
    (SELECT count(*) FROM villages AS v
     WHERE v.is_poor_village AND v.exit_year = y.year AND v.county_adcode IN (SELECT descendant FROM counties))
        AS n_poor_villages_exited,
    (SELECT count(*) FROM regions AS r
     WHERE r.level = 'county' AND r.is_poor_county AND r.exit_batch_year = y.year
       AND r.adcode IN (SELECT descendant FROM counties)) AS n_poor_counties_exited
FROM y
WHERE EXISTS (SELECT 1 FROM regions WHERE adcode = $adcode)
ORDER BY y.year;
