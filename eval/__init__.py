"""Question sets, metrics and the evaluation runner (uses only the public `assistant` API)."""
