"""The seed's 56 articles as code: registry, applicability, checks (DESIGN §3)."""
