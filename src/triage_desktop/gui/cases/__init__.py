"""Case screens: the case list, the intake form and the case view, as embeddable widgets.

Each takes the `AppContext`, reaches the vault only through `context.run`, and clears itself when
`context.locked` fires.
"""
