"""Views: tables shown safely, progress, figures and the JupyterLab explorers."""
