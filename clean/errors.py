"""Exception hierarchy.

Every message says what went wrong, where (file, line, rule id, key), and what was expected,
so a user can fix the input without reading our code. The CLI maps every ``CleanError`` to
exit code 2.
"""

from __future__ import annotations


class CleanError(Exception):
    """Base class of every error ``clean`` raises on purpose."""


class RuleFileError(CleanError):
    """A rule file is malformed: TOML syntax, unknown key, bad regex, missing field, duplicate id."""

    def __init__(
        self,
        path: object,
        message: str,
        *,
        line: int | None = None,
        rule: str | None = None,
        key: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.rule = rule
        self.key = key
        self.message = message
        where = self.path + (f":{line}" if line else "")
        parts = [where]
        if rule:
            parts.append(f"rule {rule}")
        if key:
            parts.append(f"key '{key}'")
        super().__init__(": ".join(parts) + ": " + message)


class CommandError(CleanError):
    """A command cannot run on what it was given (an unreadable input, an output over the input)."""


class ConfigError(CleanError):
    """A bad option or ``[tool.clean]`` setting."""


class DecodeError(CleanError):
    """Bytes could not be decoded as text (or are not text at all)."""

    def __init__(self, message: str, *, name: str | None = None) -> None:
        self.name = name
        self.reason = message
        super().__init__(f"{name}: {message}" if name else message)


class NotTextError(DecodeError):
    """The input is binary (an image, an archive, NUL-heavy data): refused."""


class RuleTimeoutError(CleanError):
    """A rule's regular expression ran past the per-rule time limit."""

    def __init__(self, rule: str, seconds: float, *, line: int | None = None, path: str | None = None, what: str = "rule") -> None:
        self.rule = rule
        self.seconds = seconds
        self.line = line
        self.path = path
        at = f" on line {line} of the document" if line else ""
        where = f" (defined in {path})" if path else ""
        super().__init__(
            f"{what} {rule}{where}: regular expression timed out after {seconds:g} s{at}; "
            "the pattern is probably catastrophic (nested quantifiers): rewrite it"
        )


class FixedPointError(CleanError):
    """The rules did not settle: some rules undo each other."""

    def __init__(self, rules: list[str], passes: int) -> None:
        self.rules = rules
        self.passes = passes
        super().__init__(
            f"no fixed point after {passes} passes; these rules kept changing the text: "
            + ", ".join(rules)
            + " (two rules probably undo each other)"
        )


class GuardError(CleanError):
    """The rules would remove more of a document than the over-deletion guard allows."""


class MissingExtraError(CleanError, ImportError):
    """An optional feature used without the extra that installs what it needs."""


def require(module: str, extra: str, feature: str) -> None:
    """Fail with one line naming the extra to install when ``module`` cannot be imported."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise MissingExtraError(f"{feature} needs {module}, from the {extra!r} extra: pip install \"clean-news[{extra}]\"")
