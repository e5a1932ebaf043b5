"""The layers of the house, bottom to top (DESIGN §3), written down once.

A module of an app may import from its own app, from any app in a lower layer, and from nothing
above it or beside it. A lower app that needs a higher one offers a hook (`zhicheng.core.hooks`)
that the higher app registers. `zhicheng/tests/test_layers.py` checks every non-test module.
"""

LAYERS: list[set[str]] = [
    {"audit"},
    {"core"},
    # documents take data and render files; they import no domain app, so that applications and
    # reviews can call them.
    {"documents"},
    {"accounts"},
    {"orgs"},
    {"library", "plans", "integrity"},
    {"applications"},
    {"reviews"},
    {"certificates"},
    {"portal", "demo"},
]

# Imports between two apps of one layer that are allowed, one way only (importer, imported).
# plans → library: a performance category names the library's entry kinds (plans.models.EntryKind
# is the library's Entry.Kind); the library knows nothing of plans.
# plans → integrity: 马上申报 is refused during an active 诚信档案 ban (plan_apply_blockers).
SAME_LAYER_ALLOWED: set[tuple[str, str]] = {("plans", "library"), ("plans", "integrity")}

# A site of its own (the SSO stand-in): imports nothing from the platform, and nothing imports it.
SEPARATE = {"idp"}


def layer_of(app: str) -> int:
    for index, apps in enumerate(LAYERS):
        if app in apps:
            return index
    raise KeyError(app)
