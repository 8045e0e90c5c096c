"""The built-in world (States, instruments, memberships, territories, each with its source),
its terms as clingo symbols, questions of fact, and programs built as syntax trees."""
