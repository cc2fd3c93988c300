"""Teaching: exercise notebooks, their checks, practice corpora and the student build."""
