"""The drivers the steps delegate to: in-process (default) and HTTP (``--sandbox-url``)."""
