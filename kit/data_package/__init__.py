"""Layer 2, data: the data package. Load, type, describe and validate each table (datasets, validation),
one function per table (tables), the column as an Article (article) and the document set (documents).
Imports the source layer only."""
