"""What comes in and what goes out: the scenario (dated events) and the verdict, as pydantic models."""
