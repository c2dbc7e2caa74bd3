-- Household ids per county (a table, so later scans run on every thread), then the household-level draws.
CREATE TEMP TABLE hid AS
SELECT county_adcode, unnest(range(start_id, start_id + n_households))::INTEGER AS household_id
FROM county_params
WHERE n_households > 0;

CREATE TEMP TABLE hh_base AS
WITH ids AS (
    SELECT i.household_id, c.*, h64(i.household_id, 'base') AS ha, h64(i.household_id, 'size') AS hb,
           h64(i.household_id, 'life') AS hc
    FROM hid AS i
    JOIN county_params AS c USING (county_adcode)
),
drawn AS (
    SELECT
        household_id, county_adcode, province_adcode, region_ecw, is_poor_county, is_deep, batch,
        CASE WHEN household_id - start_id < n_2014 THEN 2014
             WHEN u16(ha, 0) < $share_2015 THEN 2015 ELSE 2016 END::SMALLINT AS registered_year,
        CASE WHEN u16(ha, 1) < share_pv THEN vp_start + floor(u16(ha, 2) * n_vp)
             ELSE vn_start + floor(u16(ha, 2) * n_vn) END::INTEGER AS village_id,
        pick12(cause_cdf, u16(ha, 3))::UTINYINT AS main_cause,
        CASE WHEN u16(hc, 3) < $no_helper THEN NULL
             ELSE helper_start + ((household_id - start_id)::BIGINT * n_helpers) // n_households END::INTEGER AS helper_id,
        eth_names[pick7(eth_cdf, u16(hc, 2))] AS ethnicity,
        hb
    FROM ids
)
SELECT
    * EXCLUDE (hb),
    -- size: mean ≈ 3.04 overall (B); illness households a little larger (44.1 % of people vs 42.4 % of
    -- households, A), disability and lack of labour smaller (often elderly), larger with children at school
    pick8(CASE WHEN main_cause = 1 THEN [0.15, 0.36, 0.60, 0.82, 0.94, 0.98, 0.995, 1.0]
              WHEN main_cause IN (2, 8) THEN [0.30, 0.58, 0.76, 0.89, 0.96, 0.99, 0.998, 1.0]
              WHEN main_cause = 3 THEN [0.01, 0.06, 0.26, 0.60, 0.84, 0.94, 0.98, 1.0]
              ELSE [0.17, 0.40, 0.64, 0.86, 0.955, 0.988, 0.998, 1.0] END, u16(hb, 0))::UTINYINT AS size,
    -- the head's age at registration: older where illness or lack of labour
    (CASE WHEN main_cause = 8 THEN 55 + floor(u16(hb, 1) * 30)
          WHEN main_cause = 1 THEN 42 + floor(u16(hb, 1) * 36)
          WHEN main_cause = 3 THEN 36 + floor(u16(hb, 1) * 16)
          ELSE 30 + floor(u16(hb, 1) * 40) END)::INTEGER AS head_age
FROM drawn;

DROP TABLE hid;
