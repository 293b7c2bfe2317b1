"""Writing Shaanxi-template disclosure workbooks: grids, writer, seed and generator."""
