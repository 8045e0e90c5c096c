"""From answer sets to words: the Verdict built from what the solver derived and the rule files' own
texts, and the text views a lawyer reads in a terminal."""
