-- title: Exits by year
-- description: Exits during each year 2014–2020 in the region $adcode: households and people (first and final
--   exits, as in key_figures_by_year), poor villages (出列) and poor counties (摘帽 batch of that year). Note
--   that n_poor_counties_exited here is the year's batch, whereas key_figures_by_year reports it cumulatively.
--   No rows for an unknown adcode.
-- params:
--   adcode (integer): the region (100000 = the nation)
-- columns:
--   year: calendar year 2014–2020
--   n_households_exited: household exits during the year
--   n_people_exited: people of those exits
--   n_poor_villages_exited: poor villages exiting during the year
--   n_poor_counties_exited: poor counties of the year's 摘帽 batch
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
by_year AS (
    SELECT
        cy.year,
        sum(cy.n_households_exited)::BIGINT AS n_households_exited,
        sum(cy.n_people_exited)::BIGINT AS n_people_exited,
        sum(cy.n_poor_villages_exited)::BIGINT AS n_poor_villages_exited,
        sum(cy.n_poor_counties_exited_in_year)::BIGINT AS n_poor_counties_exited
    FROM rollup_county_year AS cy
    JOIN region_counties AS rc ON rc.county_adcode = cy.county_adcode
    GROUP BY cy.year
)
SELECT year, n_households_exited, n_people_exited, n_poor_villages_exited, n_poor_counties_exited
FROM by_year
ORDER BY year;
