-- Nudge the sizes of $n hashed households by $step so the people total of the registration is exact.
UPDATE hh_base SET size = (size::INTEGER + $step)::UTINYINT
WHERE household_id IN (
    SELECT household_id
    FROM hh_base
    WHERE list_contains($years, registered_year) AND (size > 1 OR $step > 0) AND size < 12
    ORDER BY hash(household_id, getvariable('seed'), 'adjust')
    LIMIT $n
);
