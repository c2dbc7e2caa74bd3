-- 帮扶责任人: one per ~4.5 households of a county (C), from these work-unit types (C shares).
INSERT INTO helpers
WITH ids AS (
    SELECT county_adcode, unnest(range(helper_start, helper_start + n_helpers))::INTEGER AS helper_id
    FROM county_params
    WHERE n_helpers > 0
)
SELECT helper_id, county_adcode,
       ['party_gov', 'public_institution', 'soe', 'other'][pick4([0.45, 0.80, 0.90, 1.0],
                                                               u16(h64(helper_id, 'helper'), 0))] AS unit_type
FROM ids
ORDER BY helper_id;
