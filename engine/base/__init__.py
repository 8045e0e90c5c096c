"""Below everything: the release, errors written for legal users, safe document reading,
validation messages, interval checks and the one work budget."""
