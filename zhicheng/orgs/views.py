"""Unit registration, binding requests and the unit's side of them."""
