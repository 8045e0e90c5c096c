"""The core assessment: a scenario in, a verdict out (full or brief, one at a time or a chunk at a
time), and the verdict under each answer to an open question of fact."""
