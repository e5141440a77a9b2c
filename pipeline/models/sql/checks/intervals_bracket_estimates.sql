-- Every 90% interval brackets its estimate, and every probability is between 0 and 1.
with pairs as (
    select 'mart_icb_scores' as mart, icb_code_ods || ' ' || period_label as row_key, 'involvement_index' as stem,
           involvement_index_low as low, involvement_index as estimate, involvement_index_high as high
    from mart_icb_scores
    union all select 'mart_icb_scores', icb_code_ods || ' ' || period_label, 'structures_score',
           structures_score_low, structures_score, structures_score_high from mart_icb_scores
    union all select 'mart_icb_scores', icb_code_ods || ' ' || period_label, 'processes_score',
           processes_score_low, processes_score, processes_score_high from mart_icb_scores
    union all select 'mart_icb_scores', icb_code_ods || ' ' || period_label, 'policies_score',
           policies_score_low, policies_score, policies_score_high from mart_icb_scores
    union all select 'mart_icb_scores', icb_code_ods || ' ' || period_label, 'rank',
           rank_low, rank, rank_high from mart_icb_scores
    union all select 'mart_region_comparison', region_code_ods || ' ' || period_label || ' ' || footprint,
           'involvement_index_median', involvement_index_median_low, involvement_index_median,
           involvement_index_median_high from mart_region_comparison
    union all select 'mart_region_comparison', region_code_ods || ' ' || period_label || ' ' || footprint,
           'formal_involvement_pct', formal_involvement_pct_low, formal_involvement_pct,
           formal_involvement_pct_high from mart_region_comparison
    union all select 'mart_national_summary', footprint || ' ' || period_label, 'formal_involvement_count',
           formal_involvement_count_low, formal_involvement_count, formal_involvement_count_high
    from mart_national_summary
    union all select 'mart_national_summary', footprint || ' ' || period_label, 'formal_involvement_pct',
           formal_involvement_pct_low, formal_involvement_pct, formal_involvement_pct_high
    from mart_national_summary
    union all select 'mart_trend_quarterly', level || ' ' || area_code_ods || ' ' || quarter_start_date,
           'involvement_index', involvement_index_low, involvement_index, involvement_index_high
    from mart_trend_quarterly
)
select mart, row_key, stem, low, estimate, high from pairs
where estimate is not null and (low is null or high is null or low > estimate or estimate > high)
union all
select 'mart_icb_scores', icb_code_ods || ' ' || period_label, 'formal_involvement_probability', null,
       formal_involvement_probability, null
from mart_icb_scores where formal_involvement_probability not between 0 and 1
union all
select 'mart_icb_signals', icb_code_ods || ' ' || period_label || ' ' || signal_id, 'signal_probability',
       null, signal_probability, null
from mart_icb_signals where signal_probability not between 0 and 1
