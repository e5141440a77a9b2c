-- depends_on: int_coverage, int_icb_period_signals, int_measurement_ranks, int_measurement_scores, raw_settings, stg_icbs, stg_signals, stg_successions
-- Per ICB x period: the involvement index (0-100: the expected share of the signals truly
-- present, from the measurement model), dimension scores, formal involvement (evidence found, and
-- the probability it is truly there), and rank and decile among ICBs in the footprint with
-- adequate coverage, each with a two-sided 90% interval; and the call against the England median
-- (above or below when the ICB's interval excludes it). ICBs without adequate coverage get no rank.
with signal_counts as (
    select s.icb_code_ods, s.period_label,
           count(*) filter (where s.is_evidenced) as signals_evidenced_count,
           count(*) as signal_count,
           bool_or(s.is_evidenced and g.counts_as_formal) as has_formal_involvement
    from int_icb_period_signals as s
    join stg_signals as g using (signal_id)
    group by all
),
scored as (
    select c.*, sc.signals_evidenced_count, sc.signal_count, sc.has_formal_involvement,
           c.coverage_status in ('ok', 'low_coverage') as is_scored,
           c.coverage_status = 'ok' and c.is_in_footprint as is_ranked,
           m.involvement_index, m.involvement_index_low, m.involvement_index_high,
           m.structures_score, m.structures_score_low, m.structures_score_high,
           m.processes_score, m.processes_score_low, m.processes_score_high,
           m.policies_score, m.policies_score_low, m.policies_score_high,
           m.formal_involvement_probability
    from int_coverage as c
    join signal_counts as sc using (icb_code_ods, period_label)
    left join int_measurement_scores as m
        on m.scope = 'in_force' and m.area_code_ods = c.icb_code_ods and m.period_label = c.period_label
),
ranks as (
    select icb_code_ods, period_label,
           rank() over (partition by period_label order by involvement_index desc) as rank,
           ntile(10) over (partition by period_label order by involvement_index desc, icb_code_ods) as decile,
           count(*) over (partition by period_label) as ranked_icb_count,
           median(involvement_index) over (partition by period_label) as england_median_index
    from scored where is_ranked
),
lineage as (
    select i.icb_code_ods,
           (select string_agg(predecessor_icb_code_ods, ';' order by predecessor_icb_code_ods)
            from stg_successions where successor_icb_code_ods = i.icb_code_ods) as predecessor_icb_codes_ods,
           (select string_agg(successor_icb_code_ods, ';' order by successor_icb_code_ods)
            from stg_successions where predecessor_icb_code_ods = i.icb_code_ods) as successor_icb_codes_ods
    from stg_icbs as i
),
england as (
    select period_label, max(ranked_icb_count) as ranked_icb_count,
           round(max(england_median_index), 1) as england_median_index
    from ranks group by period_label
)
select
    (select dataset from raw_settings) as dataset,
    r.icb_code_ods, r.icb_code_ons, r.icb_name, r.icb_short_name, r.region_code_ods,
    r.region_code_ons, r.region_name, r.period_label, r.period_start_date, r.period_end_date,
    r.is_in_footprint, r.coverage_status, r.meetings_with_papers_count,
    r.signals_evidenced_count, r.signal_count,
    case when r.is_scored then round(100.0 * r.signals_evidenced_count / r.signal_count, 1) end
        as signals_evidenced_pct,
    case when r.is_scored then r.involvement_index end as involvement_index,
    case when r.is_scored then r.involvement_index_low end as involvement_index_low,
    case when r.is_scored then r.involvement_index_high end as involvement_index_high,
    case when r.is_scored then r.structures_score end as structures_score,
    case when r.is_scored then r.structures_score_low end as structures_score_low,
    case when r.is_scored then r.structures_score_high end as structures_score_high,
    case when r.is_scored then r.processes_score end as processes_score,
    case when r.is_scored then r.processes_score_low end as processes_score_low,
    case when r.is_scored then r.processes_score_high end as processes_score_high,
    case when r.is_scored then r.policies_score end as policies_score,
    case when r.is_scored then r.policies_score_low end as policies_score_low,
    case when r.is_scored then r.policies_score_high end as policies_score_high,
    case when r.is_scored then r.has_formal_involvement end as has_formal_involvement,
    case when r.is_scored then r.formal_involvement_probability end as formal_involvement_probability,
    k.rank, k.decile,
    case when r.is_ranked then least(b.rank_low, k.rank) end as rank_low,
    case when r.is_ranked then greatest(b.rank_high, k.rank) end as rank_high,
    coalesce(e.ranked_icb_count, 0) as ranked_icb_count,
    e.england_median_index,
    case when not r.is_ranked then null
         when r.involvement_index_low > e.england_median_index then 'above'
         when r.involvement_index_high < e.england_median_index then 'below'
         else 'similar' end as england_comparison,
    l.predecessor_icb_codes_ods, l.successor_icb_codes_ods
from scored as r
left join ranks as k using (icb_code_ods, period_label)
left join int_measurement_ranks as b using (icb_code_ods, period_label)
left join england as e using (period_label)
left join lineage as l using (icb_code_ods)
order by r.period_label, r.icb_code_ods
