-- title: Key figures by year
-- description: The headline figures of the region $adcode for each year 2014–2020, summed over its counties from
--   rollup_county_year. Stocks are at the end of the year; "entered/removed/exited/returned" are events during
--   the year. A household is on the register at the end of a year once registered and until removed (exited
--   households stay on it); it is poor ("remaining") while on the register and not exited, a first exit counting
--   as an exit until the household returns to poverty. Exits count first exits and final exits, so
--   remaining = previous remaining + entered − removed − exited + returned. People = household sizes summed.
--   No rows for an unknown adcode.
-- params:
--   adcode (integer): the region (100000 = the nation)
-- columns:
--   year: calendar year 2014–2020
--   n_poor_villages: registered poor villages (贫困村)
--   n_poor_villages_exited: poor villages exiting (出列) during the year
--   n_poor_villages_remaining: poor villages not yet exited at the end of the year
--   n_households_entered: households registered during the year (2014 registration, 2015/2016 re-check)
--   n_households_removed: households removed as wrongly registered during the year
--   n_households_exited: household exits during the year (first and final exits)
--   n_households_returned: households returning to poverty during the year
--   n_households_on_register: households on the register at the end of the year (poor or exited)
--   n_households_remaining: households poor at the end of the year
--   n_people_entered: people of the households entered
--   n_people_removed: people of the households removed
--   n_people_exited: people of the household exits
--   n_people_returned: people of the households returned
--   n_people_on_register: people on the register at the end of the year
--   n_people_remaining: people poor at the end of the year
--   n_poor_counties: national poor counties in the region
--   n_poor_counties_exited: poor counties whose 摘帽 batch year is at or before the year (cumulative)
--   share_people_exited: people exited and not back in poverty at the end of the year (on register − remaining)
--     ÷ people ever registered and never removed (0–1; NULL when none)
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
by_year AS (
    SELECT
        cy.year,
        sum(cy.n_poor_villages)::BIGINT AS n_poor_villages,
        sum(cy.n_poor_villages_exited)::BIGINT AS n_poor_villages_exited,
        sum(cy.n_poor_villages_remaining)::BIGINT AS n_poor_villages_remaining,
        sum(cy.n_households_entered)::BIGINT AS n_households_entered,
        sum(cy.n_households_removed)::BIGINT AS n_households_removed,
        sum(cy.n_households_exited)::BIGINT AS n_households_exited,
        sum(cy.n_households_returned)::BIGINT AS n_households_returned,
        sum(cy.n_households_on_register)::BIGINT AS n_households_on_register,
        sum(cy.n_households_remaining)::BIGINT AS n_households_remaining,
        sum(cy.n_people_entered)::BIGINT AS n_people_entered,
        sum(cy.n_people_removed)::BIGINT AS n_people_removed,
        sum(cy.n_people_exited)::BIGINT AS n_people_exited,
        sum(cy.n_people_returned)::BIGINT AS n_people_returned,
        sum(cy.n_people_on_register)::BIGINT AS n_people_on_register,
        sum(cy.n_people_remaining)::BIGINT AS n_people_remaining,
        sum(cy.n_poor_counties)::BIGINT AS n_poor_counties,
        sum(cy.n_poor_counties_exited)::BIGINT AS n_poor_counties_exited
    FROM rollup_county_year AS cy
    JOIN region_counties AS rc ON rc.county_adcode = cy.county_adcode
    GROUP BY cy.year
),
with_final AS (
    -- Everyone registered and never removed is on the 2020 register (the re-check ended in 2016).
    SELECT *, max(n_people_on_register) FILTER (year = 2020) OVER () AS n_people_final
    FROM by_year
)
SELECT
    year,
    n_poor_villages,
    n_poor_villages_exited,
    n_poor_villages_remaining,
    n_households_entered,
    n_households_removed,
    n_households_exited,
    n_households_returned,
    n_households_on_register,
    n_households_remaining,
    n_people_entered,
    n_people_removed,
    n_people_exited,
    n_people_returned,
    n_people_on_register,
    n_people_remaining,
    n_poor_counties,
    n_poor_counties_exited,
    (n_people_on_register - n_people_remaining) / nullif(n_people_final, 0) AS share_people_exited
FROM with_final
ORDER BY year;
