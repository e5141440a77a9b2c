-- depends_on: int_measurement_areas
-- The areas the measurement model scores (one per scope x period x area with a unit searched),
-- numbered so that its draws can be stored compactly; with the group (scope and period) whose
-- shares it learns with, and the units searched and missing.
select scope, period_label, area_code_ods,
       max(units_searched_count) as units_searched_count,
       max(units_missing_count) as units_missing_count,
       cast(row_number() over (order by scope, period_label, area_code_ods) as integer) as area_number,
       cast(dense_rank() over (order by scope, period_label) - 1 as integer) as group_number
from int_measurement_areas
group by scope, period_label, area_code_ods
