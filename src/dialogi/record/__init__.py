"""The workshop record: models, loading and saving, migrations."""
