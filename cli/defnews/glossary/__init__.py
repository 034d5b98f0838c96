"""The glossary: loading and lint (load), the German matcher (match), enforcement (enforce)."""

from defnews.glossary.enforce import Enforced, Masked, Restored, Slot, enforce, render_target
from defnews.glossary.load import LintIssue, lint_file, load_glossary, read_file
from defnews.glossary.match import Entry, Glossary, Match

__all__ = ["Entry", "Enforced", "Glossary", "LintIssue", "Masked", "Match", "Restored", "Slot",
           "enforce", "lint_file", "load_glossary", "read_file", "render_target"]
