"""Loading the knowledge base once per process: rule files and world facts, the cache and its
format, and the rules rewritten to hold many scenarios in one grounding (keyed by scenario id)."""
