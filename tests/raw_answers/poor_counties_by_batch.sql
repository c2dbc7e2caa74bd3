SELECT b.range::SMALLINT AS exit_batch_year,
    count(r.adcode) AS n_poor_counties,
    count(r.adcode) FILTER (r.is_guapai_2020) AS n_guapai
FROM range(2016, 2021) AS b
LEFT JOIN regions AS r
    ON r.exit_batch_year = b.range AND r.is_poor_county AND r.level = 'county'
    AND r.adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
GROUP BY b.range
ORDER BY b.range;
