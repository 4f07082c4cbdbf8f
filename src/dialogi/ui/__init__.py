"""The ways dialogi meets people: the group's input (``group``) and the room on their phones (``room``).

Nothing here is imported at start-up; each part imports its libraries where it is used.
"""
