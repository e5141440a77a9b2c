-- Every collected document belongs to an ICB in the registry.
select distinct icb_code_ods from stg_documents anti join stg_icbs using (icb_code_ods)
