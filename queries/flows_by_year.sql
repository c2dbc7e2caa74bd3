-- title: Flows by year (Sankey)
-- description: For each year 2014–2020 in the region $adcode: the poor at the start of the year, the flows in
--   and out during it, and the poor at its end; remaining = remaining_start + entered − removed − exited +
--   returned, for people and for households. Definitions as in key_figures_by_year. No rows for an unknown
--   adcode.
-- params:
--   adcode (integer): the region (100000 = the nation)
-- columns:
--   year: calendar year 2014–2020
--   n_people_remaining_start: people poor at the start of the year (end of the previous year; 0 in 2014)
--   n_people_entered: people of households registered during the year
--   n_people_removed: people of households removed as wrongly registered
--   n_people_exited: people of household exits (first and final exits)
--   n_people_returned: people of households returning to poverty
--   n_people_remaining: people poor at the end of the year
--   n_households_remaining_start: households poor at the start of the year
--   n_households_entered: households registered during the year
--   n_households_removed: households removed
--   n_households_exited: household exits
--   n_households_returned: households returned
--   n_households_remaining: households poor at the end of the year
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
by_year AS (
    SELECT
        cy.year,
        sum(cy.n_people_entered)::BIGINT AS n_people_entered,
        sum(cy.n_people_removed)::BIGINT AS n_people_removed,
        sum(cy.n_people_exited)::BIGINT AS n_people_exited,
        sum(cy.n_people_returned)::BIGINT AS n_people_returned,
        sum(cy.n_people_remaining)::BIGINT AS n_people_remaining,
        sum(cy.n_households_entered)::BIGINT AS n_households_entered,
        sum(cy.n_households_removed)::BIGINT AS n_households_removed,
        sum(cy.n_households_exited)::BIGINT AS n_households_exited,
        sum(cy.n_households_returned)::BIGINT AS n_households_returned,
        sum(cy.n_households_remaining)::BIGINT AS n_households_remaining
    FROM rollup_county_year AS cy
    JOIN region_counties AS rc ON rc.county_adcode = cy.county_adcode
    GROUP BY cy.year
)
SELECT
    year,
    coalesce(lag(n_people_remaining) OVER (ORDER BY year), 0) AS n_people_remaining_start,
    n_people_entered,
    n_people_removed,
    n_people_exited,
    n_people_returned,
    n_people_remaining,
    coalesce(lag(n_households_remaining) OVER (ORDER BY year), 0) AS n_households_remaining_start,
    n_households_entered,
    n_households_removed,
    n_households_exited,
    n_households_returned,
    n_households_remaining
FROM by_year
ORDER BY year;
