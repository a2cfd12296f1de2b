"""One catalogue of error messages, each with a code (spaCy's habit).

`InputError` is about one input (an article, a line, a URL): it is reported
with the input's id and the batch goes on (exit status 1). `ConfigError` is
about how sucesos was called or set up: nothing can be done (exit status 2).
"""

from __future__ import annotations


class Errors:
    E001 = "file not found: {path}"
    E002 = "file is {size:,} bytes, over the {limit:,}-byte limit (raise it with --max-bytes)"
    E003 = "binary content ({what}), not text or HTML"
    E004 = "empty text: nothing to extract"
    E005 = "line {line}: not valid JSON ({detail})"
    E006 = "line {line}: an article record needs one of 'text', 'html' or 'url'"
    E007 = "line {line}: field '{field}' must be {kind}"
    E008 = "HTML has no article body that could be extracted"
    E009 = "invalid UTF-8, decoded with replacement characters ({count} replaced)"
    E010 = "language '{lang}' is not supported (en, es): stored, not extracted"
    E011 = "refused to fetch {url}: {host} resolves to a {kind} address ({address}); use --allow-private to allow"
    E012 = "could not fetch {url}: {detail}"
    E013 = "{url} answered HTTP {status}"
    E014 = "{url}: response over the {limit:,}-byte limit"
    E015 = "not a feed, and no article text could be extracted: {url}"
    E016 = "unsupported URL scheme in {url}: only http and https"
    E017 = "line {line}: 'published' is not an ISO date or datetime: {value!r}"
    E018 = "line {line}: 'lang' must be 'en' or 'es', or left out to detect it (got {value!r})"
    E019 = "spans must be a list of {{start, end}} offsets inside the text"
    E020 = "extraction failed: {detail}"
    E021 = "text is {size:,} characters, over the {limit:,}-character limit of one article; split it into articles"
    E022 = "HTML has {count:,} elements, over the {limit:,}-element limit of one page (news pages have a few thousand); give its text instead"
    E030 = "cannot open database {db}: {detail}"
    E031 = "database {db} has schema version {found}, newer than this sucesos ({known}); upgrade sucesos"
    E032 = "PostgreSQL needs the psycopg package: pip install 'psycopg[binary]'"
    E040 = (
        "spaCy model for '{lang}' is not installed. Run `sucesos setup` "
        "(it installs {package} from the package registry, pinned and hash-checked)"
    )
    E041 = "no input given: name files, folders, JSONL files or URLs"
    # Input bounds (issue 20): what one record or one article may cost.
    E050 = "HTML is {size:,} characters of markup, over the {limit:,}-character limit of one page; give its text instead"
    E051 = "HTML nests {depth:,} elements deep, over the {limit:,}-level limit of one page; give its text instead"
    E052 = (
        "over the per-article {budget} budget ({detail}); the batch went on. "
        "Raise it with --article-seconds / --article-memory (or $SUCESOS_ARTICLE_SECONDS / $SUCESOS_ARTICLE_MB), or split the article"
    )
    E053 = "'{field}' held invalid UTF-16 (lone surrogates): replaced with U+FFFD"


class SucesosError(Exception):
    """Base class: carries a message ready to show a user."""


class InputError(SucesosError):
    """One input could not be used; the batch goes on."""


class ConfigError(SucesosError):
    """Bad usage or unusable configuration; exit status 2."""
