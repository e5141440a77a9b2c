-- Every mart row carries the dataset it was built for.
select 'mart_icb_scores' as mart, dataset from mart_icb_scores where dataset is distinct from (select dataset from raw_settings)
union all select 'mart_evidence', dataset from mart_evidence where dataset is distinct from (select dataset from raw_settings)
union all select 'mart_documents', dataset from mart_documents where dataset is distinct from (select dataset from raw_settings)
union all select 'mart_icb_signals', dataset from mart_icb_signals where dataset is distinct from (select dataset from raw_settings)
