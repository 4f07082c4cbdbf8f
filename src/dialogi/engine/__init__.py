"""The guided-session engine: agenda, steps, resume and autosave. No questionary here."""
