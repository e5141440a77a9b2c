-- Per ICB x period: involvement index (0-100: share of the signals evidenced), dimension scores,
-- formal involvement, and rank and decile among ICBs in the footprint with adequate coverage,
-- with 90% bootstrap intervals. ICBs without adequate coverage get no rank.
with signal_counts as (
    select icb_code_ods, period_label,
           count(*) filter (where is_evidenced) as signals_evidenced_count,
           count(*) as signal_count,
           100.0 * count(*) filter (where is_evidenced) / count(*) as involvement_index,
           100.0 * count(*) filter (where is_evidenced and dimension = 'structures')
               / nullif(count(*) filter (where dimension = 'structures'), 0) as structures_score,
           100.0 * count(*) filter (where is_evidenced and dimension = 'processes')
               / nullif(count(*) filter (where dimension = 'processes'), 0) as processes_score,
           100.0 * count(*) filter (where is_evidenced and dimension = 'policies')
               / nullif(count(*) filter (where dimension = 'policies'), 0) as policies_score,
           bool_or(is_evidenced and signal_id in ('board_representation', 'committee_representation'))
               as has_formal_involvement
    from int_icb_period_signals
    group by all
),
ranked as (
    select c.*, sc.signals_evidenced_count, sc.signal_count, sc.involvement_index,
           sc.structures_score, sc.processes_score, sc.policies_score, sc.has_formal_involvement,
           c.coverage_status = 'ok' and c.is_in_footprint as is_ranked
    from int_coverage as c
    join signal_counts as sc using (icb_code_ods, period_label)
),
ranks as (
    select icb_code_ods, period_label,
           rank() over (partition by period_label order by involvement_index desc) as rank,
           ntile(10) over (partition by period_label order by involvement_index desc, icb_code_ods) as decile
    from ranked where is_ranked
),
lineage as (
    select i.icb_code_ods,
           (select string_agg(predecessor_icb_code_ods, ';' order by predecessor_icb_code_ods)
            from stg_successions where successor_icb_code_ods = i.icb_code_ods) as predecessor_icb_codes_ods,
           (select string_agg(successor_icb_code_ods, ';' order by successor_icb_code_ods)
            from stg_successions where predecessor_icb_code_ods = i.icb_code_ods) as successor_icb_codes_ods
    from stg_icbs as i
)
select
    (select dataset from raw_settings) as dataset,
    r.icb_code_ods, r.icb_code_ons, r.icb_name, r.icb_short_name, r.region_code_ods,
    r.region_code_ons, r.region_name, r.period_label, r.period_start_date, r.period_end_date,
    r.is_in_footprint, r.coverage_status, r.meetings_with_papers_count,
    r.signals_evidenced_count, r.signal_count,
    case when r.coverage_status in ('ok', 'low_coverage') then round(r.involvement_index, 1) end as involvement_index,
    case when r.coverage_status in ('ok', 'low_coverage') then round(r.structures_score, 1) end as structures_score,
    case when r.coverage_status in ('ok', 'low_coverage') then round(r.processes_score, 1) end as processes_score,
    case when r.coverage_status in ('ok', 'low_coverage') then round(r.policies_score, 1) end as policies_score,
    case when r.coverage_status in ('ok', 'low_coverage') then r.has_formal_involvement end as has_formal_involvement,
    k.rank, k.decile,
    case when r.is_ranked then round(b.involvement_index_low, 1) end as involvement_index_low,
    case when r.is_ranked then round(b.involvement_index_high, 1) end as involvement_index_high,
    case when r.is_ranked then b.rank_low end as rank_low,
    case when r.is_ranked then b.rank_high end as rank_high,
    (select count(*) from ranked as x where x.period_label = r.period_label and x.is_ranked) as ranked_icb_count,
    l.predecessor_icb_codes_ods, l.successor_icb_codes_ods
from ranked as r
left join ranks as k using (icb_code_ods, period_label)
left join int_bootstrap_icb as b using (icb_code_ods, period_label)
left join lineage as l using (icb_code_ods)
order by r.period_label, r.icb_code_ods
