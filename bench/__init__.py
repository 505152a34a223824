"""O conjunto de dados nacional e o benchmark (DESIGN.md, "Scale we design for")."""
