"""Tag patient-representation signals in page text, with verbatim evidence."""
