"""Tabs (Today, Matrix, Contacts, Log) and full screens (help, morning review)."""
