"""Reports: notebook helpers, parameters, running notebooks and rendering them to HTML, tables, workbook, PDF."""
