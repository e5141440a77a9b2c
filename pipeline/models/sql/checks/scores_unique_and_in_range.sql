-- One score row per ICB and period; indexes between 0 and 100.
select icb_code_ods, period_label, count(*) as row_count
from mart_icb_scores group by all having count(*) > 1
union all
select icb_code_ods, period_label, 1 from mart_icb_scores
where involvement_index not between 0 and 100 or structures_score not between 0 and 100
   or processes_score not between 0 and 100 or policies_score not between 0 and 100
   or involvement_index_low > involvement_index_high
