"""Gongkai (公开): a university's information-disclosure platform."""

__version__ = "0.1.0"
