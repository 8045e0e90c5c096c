"""Grounding and solving: the answer set under the default readings, the combinations of readings
explored, chunks of scenarios in one grounding, and the catalogue the rule files give of themselves."""
