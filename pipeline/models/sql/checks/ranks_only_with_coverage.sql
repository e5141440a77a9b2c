-- Only ICBs in the footprint with adequate coverage are ranked; all of those are.
select icb_code_ods, period_label, coverage_status, rank from mart_icb_scores
where (rank is not null) <> (coverage_status = 'ok' and is_in_footprint)
