-- No papers (or no site) never shows up as a score of zero.
select icb_code_ods, period_label, coverage_status, involvement_index from mart_icb_scores
where coverage_status in ('no_papers', 'no_site') and involvement_index is not null
