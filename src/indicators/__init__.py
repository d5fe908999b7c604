"""indicators: a declarative engine for the figures of statistical reports."""
