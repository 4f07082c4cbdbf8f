"""dialogi — a terminal companion for facilitators of dialogic workshops."""

__version__ = "0.1.0"
