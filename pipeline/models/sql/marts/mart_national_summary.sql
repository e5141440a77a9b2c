-- depends_on: int_footprint_scores, int_measurement_national, mart_icb_scores, mart_region_comparison, raw_settings
-- The "postcode lottery" per period and footprint: the gap between the best and worst covered ICB
-- and region, the Gini coefficient of the involvement index across covered ICBs, and how many
-- covered ICBs have formal involvement: evidence found (formal_involvement_evidenced_count) and
-- the measurement model's estimate of the true number with its 90% interval.
with icbs as (
    select 'in_force' as footprint, period_label, icb_code_ods, involvement_index,
           has_formal_involvement, formal_involvement_probability, coverage_status
    from mart_icb_scores where is_in_footprint
    union all
    select 'fixed_2026', period_label, icb_code_ods, involvement_index, has_formal_involvement,
           formal_involvement_probability, coverage_status
    from int_footprint_scores
),
covered as (
    select *, row_number() over (partition by footprint, period_label
                                 order by involvement_index, icb_code_ods) as position,
           count(*) over (partition by footprint, period_label) as n,
           sum(involvement_index) over (partition by footprint, period_label) as total
    from icbs where coverage_status = 'ok'
),
gini as (
    select footprint, period_label,
           case when max(total) > 0
                then sum((2 * position - n - 1) * involvement_index) / (max(n) * max(total)) end as gini
    from covered group by all
),
counts as (
    select footprint, period_label, count(*) as icb_count,
           count(*) filter (where coverage_status = 'ok') as covered_icb_count,
           count(*) filter (where coverage_status = 'ok' and has_formal_involvement)
               as formal_involvement_evidenced_count,
           sum(formal_involvement_probability) filter (where coverage_status = 'ok')
               as formal_involvement_expected_count,
           max(involvement_index) filter (where coverage_status = 'ok')
               - min(involvement_index) filter (where coverage_status = 'ok') as icb_gap
    from icbs group by all
),
estimate as (
    select c.*, cast(round(coalesce(c.formal_involvement_expected_count, 0)) as integer)
               as formal_involvement_count
    from counts as c
),
regions as (
    select footprint, period_label,
           max(involvement_index_median) - min(involvement_index_median) as region_gap
    from mart_region_comparison group by all
)
select (select dataset from raw_settings) as dataset, c.footprint, c.period_label, c.icb_count,
       c.covered_icb_count, c.formal_involvement_evidenced_count, c.formal_involvement_count,
       least(coalesce(m.formal_involvement_count_low, 0), c.formal_involvement_count)
           as formal_involvement_count_low,
       greatest(coalesce(m.formal_involvement_count_high, 0), c.formal_involvement_count)
           as formal_involvement_count_high,
       round(100.0 * c.formal_involvement_expected_count / nullif(c.covered_icb_count, 0), 1)
           as formal_involvement_pct,
       round(100.0 * least(m.formal_involvement_count_low, c.formal_involvement_expected_count)
             / nullif(c.covered_icb_count, 0), 1) as formal_involvement_pct_low,
       round(100.0 * greatest(m.formal_involvement_count_high, c.formal_involvement_expected_count)
             / nullif(c.covered_icb_count, 0), 1) as formal_involvement_pct_high,
       round(c.icb_gap, 1) as icb_gap, round(r.region_gap, 1) as region_gap, round(g.gini, 3) as gini
from estimate as c
left join int_measurement_national as m using (footprint, period_label)
left join regions as r using (footprint, period_label)
left join gini as g using (footprint, period_label)
order by c.footprint, c.period_label
