"""Reasoning services over the core: batches, what-if, claim checking, sweeps, audits, the case
library and its reports, case tests, text checks and the knowledge base lint."""
