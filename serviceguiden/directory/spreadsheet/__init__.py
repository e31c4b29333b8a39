"""Moving a city's existing contacts in from spreadsheets (XLSX, CSV): read the table
(`read`), map its columns to registry fields (`columns`, remembered per user in `mappings`),
read hours written as text (`hours_text`), and import every row through the registry's
domain functions with a dry run first (`importer`). `sample` writes a realistic export to
try it on.
"""
