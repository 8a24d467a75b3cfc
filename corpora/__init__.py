"""mtlint's data: lexicons, gazetteer and samples (installed as ``qa.corpora``)."""
