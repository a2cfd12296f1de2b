"""The per-article pipeline: a pure `Article -> Extraction` function.

It is assembled by name from components, spaCy-style. A component is a
function `(analysis, resources) -> dict` that declares the values it
`requires` and the values it `assigns`; it reads earlier values from the
analysis and returns new ones, never mutating what it was given. The
pipeline checks at build time that every requirement is met by an earlier
component, so a misordered configuration fails before any article is read.

No database, no network: that is what `sucesos extract` runs, what the store
calls on ingest, and what a Dask cluster maps over an archive.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sucesos import PIPELINE_VERSION
from sucesos.budget import Budget, OverBudget, guarded, not_counted
from sucesos.errors import ConfigError, Errors
from sucesos.frame import BASE_VALUES, REGISTRY, Analysis, Component, component  # noqa: F401 - the framework, re-exported
from sucesos.model import Article, Extraction, normalise_text
from sucesos.nlp.chunks import parse_many  # long texts parse piece by piece (linear cost)
from sucesos.nlp.models import SUPPORTED_LANGS

log = logging.getLogger(__name__)

# Modules whose import registers the default components (one stage a folder).
STAGE_MODULES = (
    "sucesos.actors.component",
    "sucesos.places.component",
    "sucesos.dates.component",
    "sucesos.claims.component",
    "sucesos.events.component",
    "sucesos.events.coreference",
)

# The default order. `doc` (the parsed spaCy Doc) and `text`/`lang` are
# provided by the pipeline itself.
DEFAULT_COMPONENTS = (
    "mentions",
    "places",
    "dates",
    "claims",
    "events",
    "locate_events",
    "merge_coreferent",
    "code_events",
    "relations",
    "statistics",
)


# One article's text at most: about 85k words, far past any news report.
# Extraction costs about 0.08 ms of CPU a character (a 999,000-character
# article: 83 s, 1.4 GB peak, linear since the span look-ups and piecewise
# parsing), so this bounds one article to about 45 s; a longer text is
# refused up front with the limit named (E021).
MAX_TEXT_CHARS = 500_000


def _load_stage_modules() -> None:
    for module in STAGE_MODULES:
        importlib.import_module(module)


@dataclass
class Resources:
    """Shared, loaded-once dependencies, passed in so tests can hand in fakes.

    Everything is loaded lazily on first use: a command that never needs the
    gazetteer never pays for it.
    """

    lexicon_files: tuple[str, ...] = ()
    event_model: str | None = None  # event model folder (`sucesos train events`); None: $SUCESOS_MODEL or the shipped one
    _lexicon: Any = None
    _gazetteer: Any = None
    _nlp: dict[str, Any] = field(default_factory=dict)
    _extra: dict[str, Any] = field(default_factory=dict)

    @property
    def lexicon(self):
        if self._lexicon is None:
            from sucesos.actors.lexicon import load_lexicon

            with not_counted():  # loaded on first use: no article's cost
                self._lexicon = load_lexicon(tuple(self.lexicon_files))
        return self._lexicon

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from sucesos.places.gazetteer import Gazetteer

            with not_counted():
                self._gazetteer = Gazetteer()
        return self._gazetteer

    def nlp(self, lang: str):
        """spaCy pipeline for `lang`: the model plus our EntityRuler from the lexicon."""
        if lang not in self._nlp:
            from sucesos.nlp.assemble import build_nlp

            with not_counted():
                self._nlp[lang] = build_nlp(lang, self.lexicon)
        return self._nlp[lang]

    def cached(self, key: str, factory: Callable[[], Any]) -> Any:
        """A loaded-once value for a component (a model, a table)."""
        if key not in self._extra:
            with not_counted():
                self._extra[key] = factory()
        return self._extra[key]


class Pipeline:
    """Assembled list of components; `extract` and `extract_many` run it."""

    def __init__(self, resources: Resources | None = None, *, components: Iterable[str] = DEFAULT_COMPONENTS, budget: Budget | None = None):
        _load_stage_modules()
        self.resources = resources or Resources()
        # What one article may cost (sucesos.budget): over it, its error names the budget and the batch goes on.
        self.budget = budget if budget is not None else Budget.from_env()
        self.components = [self._lookup(name) for name in components]
        self._check_order()

    @staticmethod
    def _lookup(name: str) -> Component:
        if name not in REGISTRY:
            raise ConfigError(f"unknown pipeline component {name!r}; known: {', '.join(sorted(REGISTRY))}")
        return REGISTRY[name]

    def _check_order(self) -> None:
        available = set(BASE_VALUES)
        for comp in self.components:
            missing = [need for need in comp.requires if need not in available]
            if missing:
                raise ConfigError(f"component {comp.name!r} requires {missing}, which no earlier component assigns")
            available.update(comp.assigns)

    # -- running -------------------------------------------------------
    def prepare(self, article: Article) -> tuple[str, str | None, str | None]:
        """(normalised text, language, error) for an article before parsing."""
        from sucesos.nlp.lang import detect_language

        text = normalise_text(article.text or "")
        if not text.strip():
            return text, article.lang, Errors.E004
        if len(text) > MAX_TEXT_CHARS:
            return text, article.lang, Errors.E021.format(size=len(text), limit=MAX_TEXT_CHARS)
        lang = article.lang or detect_language(text)
        if lang not in SUPPORTED_LANGS:
            return text, lang, Errors.E010.format(lang=lang or "unknown")
        return text, lang, None

    def extract(self, article: Article) -> Extraction:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Extraction]:
        """Extractions in input order. Texts are parsed in batches with nlp.pipe."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _prepare_safely(self, article: Article) -> tuple[str, str | None, str | None]:
        try:
            return self.prepare(article)
        except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
            log.warning("prepare failed for %s: %s", article.id, exc)
            return "", article.lang, Errors.E020.format(detail=f"prepare: {type(exc).__name__}: {exc}")

    def _run_batch(self, articles: list[Article]) -> list[Extraction]:
        articles = [article.repaired() for article in articles]  # the edge for articles built in Python
        prepared = [self._prepare_safely(article) for article in articles]
        docs: dict[int, Any] = {}
        started: dict[int, float] = {}  # when an article parsed alone began: its budget counts the parse
        by_lang: dict[str, list[int]] = {}
        for index, (_text, lang, error) in enumerate(prepared):
            if error is None:
                by_lang.setdefault(lang, []).append(index)
        for lang, indexes in by_lang.items():
            nlp = self.resources.nlp(lang)
            texts = [prepared[i][0] for i in indexes]
            try:
                with guarded(self.budget) as guard:  # the batch gets one article's budget; past it, each is parsed alone
                    guard.where = "parsing"
                    for index, doc in zip(indexes, parse_many(nlp, texts)):
                        docs[index] = doc
            except OverBudget as over:
                if len(indexes) == 1:  # alone already: no second try
                    log.warning("%s is over budget: %s", articles[indexes[0]].id, over)
                    prepared[indexes[0]] = (texts[0], lang, Errors.E052.format(budget=over.budget, detail=over.detail))
                else:
                    self._parse_alone(nlp, lang, indexes, articles, prepared, docs, started)
            except Exception:  # noqa: BLE001 - isolate the failing text, then go on
                self._parse_alone(nlp, lang, indexes, articles, prepared, docs, started)
        results = []
        for index, article in enumerate(articles):
            text, lang, error = prepared[index]
            results.append(self._finish(article, text, lang, error, docs.get(index), started=started.get(index)))
        return results

    def _parse_alone(self, nlp, lang, indexes, articles, prepared, docs, started) -> None:
        """Parse each article of a batch that failed (or ran over budget) alone, each on its own budget."""
        for index in indexes:
            if index in docs:
                continue
            started[index] = time.monotonic()
            try:
                with guarded(self.budget, started=started[index]) as guard:
                    guard.where = "parsing"
                    docs[index] = next(iter(parse_many(nlp, [prepared[index][0]])))
            except OverBudget as over:
                log.warning("%s is over budget: %s", articles[index].id, over)
                prepared[index] = (prepared[index][0], lang, Errors.E052.format(budget=over.budget, detail=over.detail))
            except Exception as exc:  # noqa: BLE001
                log.warning("parse failed for %s: %s", articles[index].id, exc)
                prepared[index] = (prepared[index][0], lang, Errors.E020.format(detail=f"parse: {exc}"))

    def _finish(self, article: Article, text: str, lang: str | None, error: str | None, doc, *, started: float | None = None) -> Extraction:
        extraction = Extraction(
            id=article.id,
            lang=lang,
            pipeline_version=PIPELINE_VERSION,
            content_hash=article.content_hash,
            warnings=list(article.warnings),
        )
        if error is not None:
            extraction.error = error
            return extraction
        values: dict[str, Any] = {"article": article, "text": text, "lang": lang, "doc": doc}
        try:
            with guarded(self.budget, started=started) as guard:
                for comp in self.components:
                    guard.where = f"component {comp.name!r}"
                    guard.check()  # also where no timer can preempt (a thread)
                    try:
                        produced = comp.func(Analysis(values, declared=(*comp.requires, *comp.reads), component=comp.name), self.resources)
                    except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
                        log.exception("component %s failed on %s", comp.name, article.id)
                        extraction.error = Errors.E020.format(detail=f"{comp.name}: {type(exc).__name__}: {exc}")
                        return extraction
                    unexpected = set(produced) - set(comp.assigns)
                    if unexpected:
                        raise ConfigError(f"component {comp.name!r} assigned undeclared values {sorted(unexpected)}")
                    values = {**values, **produced}
        except OverBudget as over:
            log.warning("%s is over budget: %s", article.id, over)
            extraction.error = Errors.E052.format(budget=over.budget, detail=over.detail)
            return extraction
        extraction.events = list(values.get("events", []))
        extraction.places = list(values.get("places", []))
        extraction.claims = list(values.get("claims", []))
        extraction.relations = list(values.get("relations", []))
        extraction.statistics = list(values.get("statistics", []))
        extraction.actors = list(values.get("mentions", []))
        extraction.dates = list(values.get("dates", []))
        extraction.focus = values.get("focus")
        return extraction
