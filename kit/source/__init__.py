"""Layer 1, source: where the kit's text and files come from. The raw column as extracted from the PDF
(parse: raw text to paragraphs, links, boxes) and the data folder on disk (files). Imports nothing above it."""
