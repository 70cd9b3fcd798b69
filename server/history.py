"""Moved to the model: the state machine is server/model/states.py and the confidence
rule server/model/confidence.py. Kept for importers not yet updated."""

from .model.confidence import confidence
from .model.states import Contradiction, initial_state, next_state, replay

__all__ = ["Contradiction", "confidence", "initial_state", "next_state", "replay"]
