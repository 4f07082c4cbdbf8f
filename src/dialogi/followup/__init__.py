"""Following up a workshop months later: reviewing the rules and the wellbeing plan, and
comparing the rules between two dates or two workshop files."""
