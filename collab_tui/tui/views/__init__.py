"""The tab bodies: Today, Matrix, Contacts and Log (``View`` subclasses in ``base``)."""
