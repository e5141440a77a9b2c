-- Evidence from a document the manifest does not know of (nothing to cite).
select e.sha256, e.page_number, e.signal_id
from int_evidence_corrected as e
anti join stg_documents as d using (sha256)
