"""The compiled annex "Bijlage 1: Voortgangsrapportage": its content, and its outputs."""
