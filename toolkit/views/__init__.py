"""Views: tables shown safely, figures, and the JupyterLab explorers (word, comparison, document, linked)."""
